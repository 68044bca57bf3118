"""The target model: catalogue targets, ad-hoc targets, validation errors."""

import pandas as pd
import pytest
from countyviz import load_bundled
from countyviz.errors import DataError
from countyviz.targets import KINDS, make_target, plan_targets, validate_targets


def test_catalogue_targets_cover_every_kind_and_keep_their_source():
    t = plan_targets()
    assert set(t["kind"]) == set(KINDS)
    assert (t["source"] != "").all()
    # Fushun's milestone path for park output, 871 / 1016 / 1175 (100 million yuan)
    path = t[(t["region"] == "210400_PARKS") & (t["kind"] == "milestone")]
    assert path.sort_values("target_year")["target_value"].tolist() == [871, 1016, 1175]


@pytest.mark.parametrize("change, column, message", [
    ({"region": "999999"}, "region", "unknown region"),
    ({"indicator": "gpd"}, "indicator", "unknown indicator"),
    ({"kind": "level", "target_value": -1.0}, "target_value", "cannot be negative"),
    ({"kind": "share", "indicator": "park_economy_share", "target_value": 130.0,
      "unit": "%"}, "target_value", "between 0 and 100"),
    ({"kind": "cagr", "baseline_year": None}, "baseline_year", "needs a baseline year"),
    ({"kind": "cagr", "baseline_year": 2021}, "baseline_year", "not before the target year"),
    ({"kind": "relative_growth"}, "benchmark_region", "needs a benchmark region"),
    ({"comparison": "=>"}, "comparison", "must be"),
    ({"target_value": "lots"}, "target_value", "not a number"),
])
def test_bad_targets_name_row_and_column(change, column, message):
    t = make_target("620702", "gdp", 2020, 200)
    t = pd.concat([t, t], ignore_index=True).astype(object)
    for k, v in change.items():
        t.loc[1, k] = v
    with pytest.raises(DataError) as e:
        validate_targets(t, file="my_targets.csv")
    assert f"my_targets.csv, row 2, column '{column}'" in str(e.value)
    assert message in str(e.value)


def test_target_year_before_the_data_is_an_error():
    t = make_target("620702", "gdp", 1990, 10)
    with pytest.raises(DataError, match="before the region's first data year 2001"):
        validate_targets(t, data=load_bundled())
