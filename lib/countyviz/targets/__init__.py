"""Plan targets: the target model, gap arithmetic, projections, status, batch evaluation."""

from .describe import describe_target, describe_targets, status_counts
from .evaluate import (
    RESULT_COLUMNS,
    backtest_targets,
    evaluate_targets,
    required_cagr,
    target_projection,
)
from .model import KINDS, make_target, plan_targets, validate_targets
from .project import MODELS, Projection, project, project_many
from .select import focus_row, model_report, regions_under, targets_for
from .status import STATUS_ORDER, classify, meets

__all__ = ["KINDS", "MODELS", "RESULT_COLUMNS", "STATUS_ORDER", "Projection",
           "backtest_targets", "classify", "describe_target", "describe_targets", "status_counts", "focus_row", "model_report",
           "regions_under", "targets_for", "evaluate_targets", "make_target", "meets",
           "plan_targets", "project", "project_many", "required_cagr", "target_projection",
           "validate_targets"]
