"""The list of equally minimal models is every minimum cover of the PI chart.

Property test, seeded (deterministic): on small random charts, many with ties,
`minimum_covers` gives exactly the set of covers of least size that exhaustive
enumeration (every combination of sets, smallest size first) finds, in
lexicographic order (R's order of models). The reductions it applies first
(essential sets; dropping a column whose candidates include another column's)
preserve every minimum cover, which this checks too."""

import itertools
import random

from crosscase.qca import covers
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


def test_linear_programming_search_equals_exhaustive_enumeration(monkeypatch):
    # the search with a linear programme at each node (used on blocks of 12
    # columns or more) forced onto small random charts, where exhaustive
    # enumeration is possible: the same covers, in the same order
    monkeypatch.setattr(covers, "LP_COLUMNS", 1)
    solves = []
    solve = covers._NodeLP.solve
    monkeypatch.setattr(covers._NodeLP, "solve", lambda self, *a: solves.append(1) or solve(self, *a))
    rng = random.Random(20261203)
    ties = 0
    for _ in range(60):
        n_sets, n_columns = rng.randint(8, 15), rng.randint(8, 14)
        sets = random_chart(rng, n_sets, n_columns, rng.choice([0.25, 0.4]))
        sets += [s & rng.getrandbits(n_columns) for s in sets[:3]]  # dominated sets too
        universe = _union(sets)
        expected = brute_force_minimum_covers(sets, universe)
        report = {}
        assert qca.minimum_covers(sets, universe, report=report) == expected, sets
        assert report == {"total": len(expected), "incomplete": False, "capped": False}
        ties += len(expected) > 1
    assert ties >= 20 and len(solves) >= 100  # the linear programmes did the pruning


def test_the_solver_fallbacks_give_the_same_covers(monkeypatch):
    # without scipy's warm-started HiGHS binding (linprog at each node) and
    # without CBC (HiGHS's milp proves the least size): the same covers
    monkeypatch.setattr(covers, "LP_COLUMNS", 1)
    monkeypatch.setattr(covers, "_warm_highs", lambda incidence: (_ for _ in ()).throw(ImportError("moved")))
    monkeypatch.setattr(covers, "_cbc_minimum_cover", lambda *args: None)
    solves = []
    duals = covers._linprog_duals
    monkeypatch.setattr(covers, "_linprog_duals", lambda *args: solves.append(1) or duals(*args))
    rng = random.Random(20261204)
    for _ in range(25):
        sets = random_chart(rng, rng.randint(8, 15), rng.randint(8, 14), rng.choice([0.25, 0.4]))
        universe = _union(sets)
        assert qca.minimum_covers(sets, universe) == brute_force_minimum_covers(sets, universe), sets
    assert len(solves) >= 20  # the linprog fallback did the pruning


def test_first_combinations_of_blocks_in_lexicographic_order():
    # blocks' covers use disjoint indices; the first N models are the first N
    # of every combination, sorted (checked against the full product)
    rng = random.Random(5)
    for _ in range(50):
        pool = rng.sample(range(40), 24)
        per_block = []
        for b in range(rng.randint(1, 3)):
            own = sorted(pool[b * 8 : b * 8 + 8])
            size = rng.randint(1, 3)
            per_block.append(sorted({tuple(sorted(rng.sample(own, size))) for _ in range(rng.randint(1, 6))}))
        forced = tuple(sorted(pool[-rng.randint(0, 3) :])) if rng.random() < 0.5 else ()
        every = sorted(tuple(sorted(forced + sum(combo, ()))) for combo in itertools.product(*per_block))
        limit = rng.randint(1, len(every) + 2)
        assert covers._first_combinations(forced, per_block, limit) == every[:limit]


def test_fold_keeps_the_first_of_equal_sets_and_folds_subsets_into_the_first_container():
    # reach: 0 = {0,1}, 1 = {0,1,2}, 2 = {0,1,2} (equal to 1), 3 = {2}, 4 = {3}
    maximal, folded = covers.fold({0: 0b011, 1: 0b111, 2: 0b111, 3: 0b100, 4: 0b1000})
    assert maximal == [1, 4]  # largest first, then index
    assert folded == {1: [2, 0, 3], 4: []}  # in the fold order: size, then index


def test_budget_and_cap_are_reported():
    # 4 disjoint pairs of interchangeable sets: 2^4 = 16 minimum covers
    sets = [1, 1, 2, 2, 4, 4, 8, 8]
    report = {}
    assert len(qca.minimum_covers(sets, 15, report=report)) == 16 and report["total"] == 16
    first = qca.minimum_covers(sets, 15, limit=3, report=report)
    assert first == [(0, 2, 4, 6), (0, 2, 4, 7), (0, 2, 5, 6)] and report["total"] == 16
