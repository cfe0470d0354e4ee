"""The vocabulary of synthetic scenes, and the common knowledge the counterfactual-prior families defy."""

from __future__ import annotations

#: Fill colours by name; none is the blank variant's gray.
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (220, 30, 30),
    "green": (30, 160, 60),
    "blue": (30, 80, 220),
    "yellow": (240, 210, 20),
    "orange": (245, 130, 20),
    "purple": (140, 50, 170),
    "pink": (250, 120, 190),
    "brown": (130, 80, 30),
}

#: Geometric shapes a scene can hold (fruits and signs are drawn separately).
SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "star", "diamond", "hexagon")

#: Words written on the signs of the text-reading family (none is a shape, colour or fruit name).
SIGN_WORDS: tuple[str, ...] = (
    "CAT", "DOG", "TREE", "MOON", "BOAT", "LAMP", "FISH", "DOOR",
    "BIRD", "CAKE", "ROSE", "KITE", "BELL", "SHIP", "HAT", "KEY",
)  # fmt: skip

#: Common knowledge: each fruit or vegetable's usual colour.
PRODUCE_COLOURS: dict[str, str] = {
    "banana": "yellow",
    "lemon": "yellow",
    "strawberry": "red",
    "tomato": "red",
    "lime": "green",
    "cucumber": "green",
    "carrot": "orange",
    "eggplant": "purple",
}

#: Common knowledge: country -> (capital, a large city that is not the capital).
CAPITALS: dict[str, tuple[str, str]] = {
    "France": ("Paris", "Lyon"),
    "Japan": ("Tokyo", "Osaka"),
    "Italy": ("Rome", "Milan"),
    "Germany": ("Berlin", "Munich"),
    "Spain": ("Madrid", "Barcelona"),
    "Egypt": ("Cairo", "Alexandria"),
    "Canada": ("Ottawa", "Toronto"),
    "Australia": ("Canberra", "Sydney"),
    "Brazil": ("Brasilia", "Rio"),
    "Russia": ("Moscow", "Kazan"),
    "China": ("Beijing", "Shanghai"),
    "Kenya": ("Nairobi", "Mombasa"),
    "Peru": ("Lima", "Cusco"),
    "Norway": ("Oslo", "Bergen"),
    "Turkey": ("Ankara", "Istanbul"),
    "Sweden": ("Stockholm", "Malmo"),
    "Poland": ("Warsaw", "Krakow"),
    "Portugal": ("Lisbon", "Porto"),
    "Switzerland": ("Bern", "Zurich"),
    "Morocco": ("Rabat", "Casablanca"),
    "Nigeria": ("Abuja", "Lagos"),
    "Vietnam": ("Hanoi", "Danang"),
    "Greece": ("Athens", "Patras"),
    "India": ("Delhi", "Mumbai"),
}
