from mb_tasks.benchmarks.synth.questions import answer


def _obj(shape, colour, x, y, size=10, label=""):
    return {"shape": shape, "colour": colour, "x": x, "y": y, "size": size, "label": label}


SCENE = {
    "width": 224,
    "height": 224,
    "objects": [
        _obj("circle", "red", 30, 30, 20),
        _obj("square", "blue", 150, 40, 12),
        _obj("star", "red", 100, 190),
        _obj("star", "green", 190, 190),
        _obj("sign", "", 112, 112, 0, "Capital of Peru:\nCusco"),
    ],
}


def ask(family, *args):
    return answer({"family": family, "args": list(args)}, SCENE)


def test_colour_shape_and_count():
    assert ask("colour", "circle") == "red"
    assert ask("colour", "star") is None  # two stars: not determined
    assert ask("colour", "hexagon") is None
    assert ask("shape", "blue") == "square"
    assert ask("shape", "red") is None
    assert ask("count", "star") == "2"
    assert ask("count", "triangle") == "0"


def test_positions_by_centres():
    assert ask("position", "red", "circle", "to the left of", "blue", "square") == "yes"
    assert ask("position", "red", "circle", "to the right of", "blue", "square") == "no"
    assert ask("position", "red", "circle", "above", "blue", "square") == "yes"
    assert ask("position", "blue", "square", "below", "red", "circle") == "yes"
    assert ask("position", "red", "star", "to the left of", "green", "star") == "yes"
    assert ask("position", "red", "star", "above", "green", "star") is None  # level
    assert ask("position", "red", "circle", "above", "pink", "square") is None


def test_size_and_reading():
    assert ask("size", "red", "circle", "blue", "square") == "red circle"
    assert ask("size", "red", "star", "green", "star") is None  # same size
    assert ask("prior_capital", "Peru") == "Cusco"
    assert ask("prior_capital", "France") is None
    assert answer({"family": "text", "args": []}, {"objects": [_obj("sign", "", 0, 0, 0, "KEY")]}) == "KEY"
    assert ask("prior_colour", "banana") is None
