"""Plan targets: the target model, gap arithmetic, projections, status, batch evaluation."""

from .evaluate import RESULT_COLUMNS, backtest_targets, evaluate_targets, required_cagr
from .model import KINDS, make_target, plan_targets, validate_targets
from .project import MODELS, Projection, project, project_many
from .status import STATUS_ORDER, classify, meets

__all__ = ["KINDS", "MODELS", "RESULT_COLUMNS", "STATUS_ORDER", "Projection",
           "backtest_targets", "classify", "evaluate_targets", "make_target", "meets",
           "plan_targets", "project", "project_many", "required_cagr", "validate_targets"]
