"""countyviz: analytics for county economies on one tidy long table.

The public API is re-exported here; implementation lives in small modules:
``schema`` (the tidy table), ``catalog`` (indicators, regions, targets), ``io``
(loaders), ``parsing`` and ``units`` (cleaning), ``ytd`` (year-to-date data),
``data`` (the bundled data set).
"""

from . import notebook, plots
from .catalog import (
    indicator_components,
    label,
    load_indicators,
    load_regions,
    load_sources,
    load_targets,
    region_children,
)
from .contributions import ContributionResult, contributions, real_contributions
from .data import best_values, bundled_files, coverage, load_bundled
from .errors import CountyvizError, DataError, DataWarning, Problem
from .growth import annual_wide, cagr, index_numbers, real_series, yoy_growth
from .io import read_table, read_tidy, read_wide, tidy_from_frame, write_tidy
from .narrative import (
    available_window,
    benchmark_regions,
    describe_contributions,
    describe_per_capita,
    describe_shift_share,
    note,
)
from .parsing import parse_numbers
from .percapita import per_capita_decomposition
from .report import key_figures
from .schema import TIDY_COLUMNS, empty_tidy, period_year, validate_tidy
from .shiftshare import ShiftShareResult, shift_share, shift_share_tidy
from .summary import contribution_table, dataset_summary, describe_selection, selection_stats
from .units import conversion_factor, convert, normalise_unit
from .ytd import full_year_estimate, parse_ytd_period, ytd_to_monthly, ytd_yoy

__version__ = "0.1.0"

__all__ = [
    "TIDY_COLUMNS", "CountyvizError", "DataError", "DataWarning", "Problem", "best_values",
    "bundled_files",
    "conversion_factor", "convert", "coverage", "empty_tidy", "full_year_estimate",
    "indicator_components", "label", "load_bundled", "load_indicators", "load_regions",
    "load_sources", "load_targets", "normalise_unit", "parse_numbers", "parse_ytd_period",
    "period_year", "read_table", "read_tidy", "read_wide", "region_children", "tidy_from_frame",
    "validate_tidy", "write_tidy", "ytd_to_monthly", "ytd_yoy", "dataset_summary",
    "describe_selection", "selection_stats", "notebook", "plots", "ContributionResult",
    "contributions", "real_contributions", "annual_wide", "cagr", "index_numbers", "real_series",
    "yoy_growth", "per_capita_decomposition", "key_figures", "ShiftShareResult", "shift_share",
    "shift_share_tidy", "available_window", "benchmark_regions", "describe_contributions",
    "describe_per_capita", "describe_shift_share", "contribution_table", "note",
]
