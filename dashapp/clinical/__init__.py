"""The clinical engine: what a spine problem does (forward, explain()) and which
problems could explain what a person feels (reverse, where()).

This is the name the page, the CLI and the tests use: `from dashapp import clinical`,
then clinical.explain(...), clinical.where(...), clinical.NotApplicable. It gathers the
engine's public names and the data model's (dashapp.model.clinical_data); the data is
read by dashapp.datafiles. Imports run one way: model <- areas <- reverse <- forward.
No Dash import here.
"""
from dashapp.clinical.forward import (
                                      ROOT_ORDER,
                                      Explanation,
                                      Lesion,
                                      RegionHit,
                                      RootHit,
                                      all_states,
                                      defaults,
                                      explain,
                                      root_order,
)
from dashapp.clinical.reverse import (
                                      Candidate,
                                      Flag,
                                      Mark,
                                      Mimic,
                                      ReverseResult,
                                      asked_flags,
                                      check_answers,
                                      check_weak,
                                      empty_result,
                                      parse_marks,
                                      red_flags_for,
                                      where,
)
from dashapp.model.clinical_data import (
                                      FEELS,
                                      LESION_KINDS,
                                      LEVELS,
                                      MESSAGES,
                                      ROOT_RULES,
                                      SIDE_RULES,
                                      SIDES,
                                      TEMPLATE_FIELDS,
                                      TEXT_ONLY_ROOTS,
                                      URGENCY_ORDER,
                                      URGENCY_WORDS,
                                      ClinicalData,
                                      Condition,
                                      ConditionNote,
                                      Disagreement,
                                      LesionRule,
                                      Level,
                                      MimicInfo,
                                      Nerve,
                                      NotApplicable,
                                      RedFlag,
                                      Region,
                                      Root,
                                      StrengthCheck,
                                      Zone,
)

__all__ = [
    # forward engine (forward.py)
    "ROOT_ORDER", "root_order", "Lesion", "RootHit", "RegionHit", "Explanation",
    "defaults", "explain", "all_states",
    # reverse look-up (reverse.py)
    "Candidate", "Flag", "Mark", "Mimic", "ReverseResult", "where", "parse_marks", "check_weak",
    "check_answers", "asked_flags", "empty_result", "red_flags_for",
    # data model (dashapp.model.clinical_data)
    "LEVELS", "SIDES", "LESION_KINDS", "ROOT_RULES", "SIDE_RULES", "TEXT_ONLY_ROOTS", "MESSAGES",
    "TEMPLATE_FIELDS", "FEELS", "URGENCY_WORDS", "URGENCY_ORDER", "NotApplicable", "Root",
    "Region", "Level", "Zone", "Condition", "LesionRule", "Nerve", "RedFlag", "MimicInfo",
    "Disagreement", "ConditionNote", "StrengthCheck", "ClinicalData",
]
