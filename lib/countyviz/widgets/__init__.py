"""Interactive widgets (ipywidgets + plotly FigureWidget): the comparison dashboard and the
composite-index explorer. They compute with :mod:`countyviz.compare` and
:mod:`countyviz.composite` and draw with :mod:`countyviz.plots`; figures are updated in
place, and problems are shown as messages in the widget, never as stack traces."""

from ._common import has_frontend
from .dashboard import ComparisonDashboard, comparison_dashboard
from .explorer import CompositeExplorer, composite_explorer

__all__ = ["ComparisonDashboard", "CompositeExplorer", "comparison_dashboard", "composite_explorer",
           "has_frontend"]
