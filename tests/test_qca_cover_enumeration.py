"""The list of equally minimal models is every minimum cover of the PI chart.

Property test, seeded (deterministic): on small random charts, many with ties,
`minimum_covers` gives exactly the set of covers of least size that exhaustive
enumeration (every combination of sets, smallest size first) finds, in
lexicographic order (R's order of models). The reductions it applies first
(essential sets; dropping a column whose candidates include another column's)
preserve every minimum cover, which this checks too."""

import itertools
import random

from crosscase.qca import engine as qca


def brute_force_minimum_covers(sets: list[int], universe: int) -> list[tuple[int, ...]]:
    for size in range(len(sets) + 1):
        found = []
        for combo in itertools.combinations(range(len(sets)), size):
            covered = 0
            for i in combo:
                covered |= sets[i]
            if covered & universe == universe:
                found.append(combo)
        if found:
            return found
    return []


def random_chart(rng: random.Random, n_sets: int, n_columns: int, density: float) -> list[int]:
    return [sum(1 << c for c in range(n_columns) if rng.random() < density) for _ in range(n_sets)]


def test_minimum_covers_equal_exhaustive_enumeration_on_random_charts():
    rng = random.Random(20261202)
    checked = ties = 0
    for _ in range(300):
        n_sets, n_columns = rng.randint(1, 11), rng.randint(1, 9)
        sets = random_chart(rng, n_sets, n_columns, rng.choice([0.2, 0.35, 0.5]))
        universe = (1 << n_columns) - 1
        expected = brute_force_minimum_covers(sets, universe)
        assert qca.minimum_covers(sets, universe) == expected, (sets, universe)
        checked += 1
        ties += len(expected) > 1
    assert checked == 300 and ties >= 100  # many charts with several equally minimal covers


def test_minimum_covers_with_duplicate_and_dominated_sets():
    # duplicated sets and sets inside other sets: each may still be in a
    # cover of least size, so none may be dropped when every cover is listed
    rng = random.Random(7)
    for _ in range(200):
        base = random_chart(rng, rng.randint(2, 6), rng.randint(2, 8), 0.4)
        sets = base + [s & rng.getrandbits(8) for s in base] + base[: rng.randint(0, len(base))]
        universe = _union(sets)
        assert qca.minimum_covers(sets, universe) == brute_force_minimum_covers(sets, universe), sets


def _union(sets):
    out = 0
    for s in sets:
        out |= s
    return out
