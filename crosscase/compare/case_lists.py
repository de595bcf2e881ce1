"""Named case lists queried from the data: each list of the thesis's section
3.2.2 (and the two of sections 3.2.1 / 3.2.3 that rest on new fields) as a
query on the framework items and case facts, so that every list can be
produced from the data and compared with the text (docs/method.md).

A query is one of:
``category:TERM``            cases with an item carrying TERM
``any_category:A|B``         cases with an item carrying A or B
``all_categories:A&B``       cases with items carrying A and B
``observed_category:TERM``   cases with an item carrying TERM observed full or partial
``instigator:LEVEL``         cases whose instigator_level is LEVEL
``explicit_theory:TERM``     cases with a change theory that drew on TERM explicitly
``attributed_theory:TERM``   cases with a change theory carrying TERM not marked explicit
``publication_theory:TERM``  cases whose publication_theories name TERM
``realised_for_shortfall``   cases with an outcome realised below full for some group
``unforeseen_major_barrier`` cases with an experienced, unanticipated major context barrier
``theory_level:FIELD``       cases with a planned change theory whose FIELD (adherence or
                             proved_correct, blank: observed) is partial or none
"""

from __future__ import annotations

import pandas as pd

from crosscase.within.framework import ITEM_SEPARATOR, by_case, categories, groups, with_optional

# (list name, where the thesis states it, query)
SECTION_322_LISTS: tuple[tuple[str, str, str], ...] = (
    ("instigated_by_national_government", "l.374", "instigator:national_government"),
    ("instigated_by_senior_management", "l.374", "instigator:senior_management"),
    ("detailed_frontline_practice", "l.374", "category:frontline_practice"),
    ("instigators_recognised_own_contribution", "l.376", "category:instigator_self_change"),
    ("rational_all", "l.378", "category:rational"),
    ("rational_governance", "l.378", "category:route_governance"),
    ("rational_board_responsibilities", "l.378", "category:route_board_responsibility"),
    ("rational_organisational_forms", "l.378", "category:route_organisational_form"),
    ("rational_gain_or_not_lose_finances", "l.378", "category:route_financial_gain"),
    ("rational_reasoned_argument", "l.378", "category:route_reasoned_argument"),
    ("paradigm_shifts", "l.380", "category:transformational"),
    ("learning_networks", "l.380", "category:learning_networks"),
    ("action_learning_sets", "l.380", "category:action_learning_sets"),
    ("supports_for_emotional_challenge", "l.380", "any_category:learning_networks|action_learning_sets"),
    ("short_term_support", "l.380", "category:short_term_funding"),
    ("medium_term_funding", "l.380", "category:medium_term_funding"),
    ("efficiency_incentive", "l.380", "category:efficiency_incentive"),
    ("training_and_development", "l.380", "category:training_and_development"),
    ("guidance_and_good_practice", "l.380", "category:guidance_and_good_practice"),
    ("normative_vision", "l.380", "category:normative_vision"),
    ("competition", "l.380", "category:competition"),
    ("resources_through_wider_initiatives", "l.380", "category:resource_source_wider_initiative"),
    ("resources_from_existing_budgets", "l.380", "category:resource_source_existing_budget"),
    ("resources_from_specific_funding", "l.380", "category:resource_source_specific_funding"),
    ("power_to_mandate_engagement", "l.380", "category:mandated_engagement"),
    ("market_based_explicit", "l.384", "explicit_theory:market_based"),
    ("improvement_science_attributed", "l.384", "attributed_theory:improvement_science"),
    ("quality_improvement_attributed", "l.384", "attributed_theory:quality_improvement"),
    ("organisational_development_attributed", "l.384", "attributed_theory:organisational_development"),
    ("policy_implementation_attributed", "l.384", "attributed_theory:policy_implementation"),
    ("publications_inter_professional_learning", "l.386", "publication_theory:inter_professional_learning"),
    ("publications_culture", "l.386", "publication_theory:culture"),
    ("publications_complexity", "l.386", "publication_theory:complexity"),
    ("publications_organisational_change", "l.386", "publication_theory:organisational_change"),
    ("not_successful_in_all_localities_or_populations", "l.368", "realised_for_shortfall"),
    ("local_variation", "l.396", "category:local_variation"),
    ("theory_incorrect_in_part", "l.392", "theory_level:proved_correct"),
    ("context_majorly_flawed", "l.394", "unforeseen_major_barrier"),
    ("theory_not_kept_to", "l.398", "theory_level:adherence"),
    ("mandated_engagement_used", "l.398", "observed_category:mandated_engagement"),
    ("vision_and_competition_combined", "l.398", "all_categories:normative_vision&competition"),
)
CASE_LIST_COLUMNS = ["list", "source", "query", "cases", "n_cases", "item_ids"]


def _matches(query: str, items: list, info: dict) -> list[str] | None:
    """The item_ids behind a case's membership ([] for a case-level fact), or None.
    `items`: the case's framework rows as records (``itertuples(index=False)``)."""
    kind, _, arg = query.partition(":")
    if kind == "category":
        hit = [r.item_id for r in items if arg in categories(r.category)]
        return hit or None
    if kind == "any_category":
        terms = set(arg.split("|"))
        hit = [r.item_id for r in items if terms & set(categories(r.category))]
        return hit or None
    if kind == "all_categories":
        terms = arg.split("&")
        hit = [r.item_id for r in items if set(terms) & set(categories(r.category))]
        present = {t for r in items for t in categories(r.category)}
        return hit if all(t in present for t in terms) else None
    if kind == "observed_category":
        hit = [r.item_id for r in items if arg in categories(r.category) and r.observed in ("full", "partial")]
        return hit or None
    if kind == "instigator":
        return [] if info.get("instigator_level") == arg else None
    if kind in ("explicit_theory", "attributed_theory"):
        hit = []
        for r in items:
            if r.facet != "change_theory" or arg not in categories(r.category):
                continue
            explicit = arg in categories(r.explicit_theory)
            if explicit == (kind == "explicit_theory"):
                hit.append(r.item_id)
        return hit or None
    if kind == "publication_theory":
        return [] if arg in categories(info.get("publication_theories")) else None
    if kind == "realised_for_shortfall":
        hit = [
            r.item_id
            for r in items
            if r.stage == "outcome" and any(level != "full" for _, level in groups(r.realised_for))
        ]
        return hit or None
    if kind == "unforeseen_major_barrier":
        hit = [
            r.item_id
            for r in items
            if r.stage == "context"
            and not bool(r.anticipated)
            and r.observed in ("full", "partial")
            and r.direction == "barrier"
            and r.severity == "major"
        ]
        return hit or None
    if kind == "theory_level":
        hit = [
            r.item_id
            for r in items
            if r.facet == "change_theory"
            and bool(r.anticipated)
            and ((getattr(r, arg) or r.observed) in ("partial", "none"))
        ]
        return hit or None
    raise ValueError(f"unknown case-list query {query!r}")


def case_lists(
    framework: pd.DataFrame, case_info: pd.DataFrame, case_order: list[str], lists=SECTION_322_LISTS
) -> pd.DataFrame:
    """One row per list: the cases (cases.tsv order) the query finds and the
    item_ids behind them ('case:item' for items; case-level facts name none)."""
    framework = with_optional(framework)
    infos = {r["case_id"]: r for r in case_info.to_dict("records")}
    rows = []
    split = by_case(framework)
    items_of = {case: list(split[case].itertuples(index=False)) for case in case_order}  # once, for every query
    for name, source, query in lists:
        cases, behind = [], []
        for case in case_order:
            found = _matches(query, items_of[case], infos.get(case, {}))
            if found is not None:
                cases.append(case)
                behind += [f"{case}:{i}" for i in found]
        rows.append(
            {
                "list": name,
                "source": source,
                "query": query,
                "cases": ", ".join(cases),
                "n_cases": len(cases),
                "item_ids": ITEM_SEPARATOR.join(behind),
            }
        )
    return pd.DataFrame(rows, columns=CASE_LIST_COLUMNS)
