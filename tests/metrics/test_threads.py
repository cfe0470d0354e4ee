"""Work on several threads, in order and with a bounded window."""

from mb_tasks.metrics.threads import ordered_map


def test_ordered_map_keeps_the_order_and_holds_a_bounded_window() -> None:
    """Results come in the order of the items, and no more than 2 x threads are computed ahead."""
    started: list[int] = []

    def work(item: int) -> int:
        started.append(item)
        return item * item

    results = ordered_map(work, range(50), threads=3)
    first = next(results)
    assert first == 0 and len(started) <= 2 * 3
    assert [first, *results] == [item * item for item in range(50)]
