"""Rebuild the bundled data in data/ from the raw public sources.

Usage (maintainers; needs the raw files, which users and CI do not need):

    python tools/build_data.py --raw ../shared/data/raw --plans ../shared/data/plans --out data

Steps: load inputs, process (repair documented defects, join to codes, convert units,
mark derived series), save outputs atomically. Every step prints what it did, and the
counts go to data/build_report.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from countyviz.io import atomic_path, write_tidy
from countyviz.parsing import parse_numbers
from countyviz.schema import TIDY_COLUMNS, validate_tidy
from countyviz.sources import assign_codes_by_name, normalise_growth, read_hlghpz_yearbook
from countyviz.units import conversion_factor
from countyviz.ytd import parse_ytd_period

PROVINCES = {"620000": "Gansu", "210000": "Liaoning", "610000": "Shaanxi"}
SUFFIXES = [("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("自治州", "Autonomous Prefecture"),
            ("自治区", "Autonomous Region"), ("林区", "Forestry District"), ("特区", "Special District"),
            ("新区", "New Area"), ("地区", "Prefecture"), ("区", "District"), ("县", "County"), ("旗", "Banner"),
            ("盟", "League"), ("省", "Province"), ("市", "City")]
REPORT: dict = {}


def say(msg: str) -> None:
    print(msg, flush=True)


# The 55 minority nationalities as they appear in autonomous-area names, longest first.
ETHNIC = sorted("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 "
                "水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
                "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺".split(),
                key=len, reverse=True)
# Readings of polyphonic characters in place names (pypinyin picks the common-word reading:
# 长 zhang, 乐 yue, 都 dou, 什 shen ...), then the official spellings that differ from them.
PLACE_READINGS = {"长": "chang", "乐": "le", "都": "du", "什": "shi", "朝": "chao", "蚌": "beng"}
PLACE_EXCEPTIONS = {"长子": "zhangzi", "乐亭": "laoting", "乐清": "yueqing", "闵行": "minhang",
                    "六安": "lu'an", "单县": "Shan County", "浚县": "Xun County", "万柏林区": "Wanbailin District",
                    "铅山": "yanshan", "曾都": "zengdu", "番禺": "panyu", "吐鲁番": "turpan", "莘县": "Shen County"}


def _pinyin(stem: str) -> str:
    from pypinyin import lazy_pinyin
    syll = lazy_pinyin(stem)  # phrase-aware, one syllable per character for Chinese text
    if len(syll) != len(stem):
        return "".join(syll).capitalize()
    out, i = [], 0
    while i < len(stem):
        hit = next(((zh, py) for zh, py in PLACE_EXCEPTIONS.items()
                    if " " not in py and stem.startswith(zh, i)), None)
        if hit:
            out.append(hit[1])
            i += len(hit[0])
        else:
            out.append(PLACE_READINGS.get(stem[i], syll[i]))
            i += 1
    return "".join(out).capitalize()


def english_name(name: str) -> str:
    """Pinyin name with an English suffix, e.g. 民乐县 → Minle County, 长白朝鲜族自治县 →
    Changbai Autonomous County."""
    if " " in PLACE_EXCEPTIONS.get(name, ""):
        return PLACE_EXCEPTIONS[name]
    for zh, en in SUFFIXES:
        if name.endswith(zh) and len(name) > len(zh):
            stem = name[: -len(zh)]
            if zh.startswith("自治"):
                while stem.endswith("族"):
                    eth = next((e for e in [*ETHNIC, "各"] if stem.endswith(e + "族")), None)
                    if eth is None:
                        break
                    stem = stem[: -len(eth) - 1] if len(stem) > len(eth) + 1 else eth
            return _pinyin(stem) + " " + en
    return _pinyin(name)


def level_of(code: str, name: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    if name.endswith("区") and not name.endswith("林区"):
        return "district"
    if name.endswith("市"):
        return "county_city"
    return "county"


def build_regions(raw: Path, out: Path) -> pd.DataFrame:
    c20 = pd.read_excel(raw / "census_county_leiii/census_county_2020_v1.xlsx", sheet_name=0)
    c20 = c20[c20["区划代码"].notna()].copy()
    c20["code"] = c20["区划代码"].astype("int64").astype(str)
    c20 = c20[c20["区县"] != "市辖区"]
    rows = []
    # Parents from the census's own province and prefecture names (a few codes are not
    # standard, e.g. 170971 for the Wutaishan scenic area under 忻州市, 山西省).
    prov_code = {n: c for c, n, lv in zip(c20["code"], c20["区县"], c20["code"].str.endswith("0000"), strict=True) if lv}
    pref_code = {(p, n): c for c, p, n in c20[["code", "省", "区县"]].itertuples(index=False)
                 if c.endswith("00") and not c.endswith("0000")}
    for code, prov, city, name in c20[["code", "省", "市", "区县"]].itertuples(index=False):
        lvl = level_of(code, name)
        pcode = prov_code[prov]
        if lvl == "province":
            parent = None
        elif lvl == "prefecture":
            parent = pcode
        else:
            parent = pref_code.get((prov, city), pcode)
        rows.append({"code": code, "name_zh": name, "name_en": english_name(name), "level": lvl,
                     "parent": parent, "province": pcode, "province_name": prov,
                     "functional_zone": None, "source": "census", "members": None})
    reg = pd.DataFrame(rows)
    reg.loc[len(reg)] = {"code": "100000", "name_zh": "全国", "name_en": "China", "level": "country",
                         "parent": None, "province": None, "province_name": None,
                         "functional_zone": None, "source": "census", "members": None}
    reg.loc[reg["level"] == "province", "parent"] = "100000"
    extra = pd.read_csv(out / "catalog/regions_extra.csv", dtype=str)
    reg = pd.concat([reg, extra], ignore_index=True)
    dup = reg["code"].duplicated()
    assert not dup.any(), reg[dup]
    REPORT["regions"] = reg["level"].value_counts().to_dict()
    say(f"regions: {len(reg)} ({REPORT['regions']})")
    return reg


def tidy(df: pd.DataFrame, source: str, flag: str = "published", price_basis: str = "") -> pd.DataFrame:
    out = df.assign(source=source, flag=flag, price_basis=price_basis)
    return out[list(TIDY_COLUMNS)]


def to_unit(values: pd.Series, frm: str, to: str) -> pd.Series:
    return values * conversion_factor(frm, to)


def build_census(raw: Path, regions: pd.DataFrame) -> pd.DataFrame:
    parts = []
    known = set(regions["code"])
    c20 = pd.read_excel(raw / "census_county_leiii/census_county_2020_v1.xlsx", sheet_name=0)
    c20 = c20[c20["区划代码"].notna() & (c20["区县"] != "市辖区")].copy()
    c20["code"] = c20["区划代码"].astype("int64").astype(str)
    c10 = pd.read_excel(raw / "census_county_leiii/census_county_2010_v1.xlsx", sheet_name=0)
    c10 = c10[c10["区划代码"].notna() & (c10["地区"].astype(str).str.strip() != "市辖区")].copy()
    c10["code"] = c10["区划代码"].astype("int64").astype(str)
    n10 = len(c10)
    c10 = c10[c10["code"].isin(known)].drop_duplicates("code")
    REPORT["census_2010_codes_not_in_2020"] = int(n10 - len(c10))
    for year, df, total in (("2020", c20, "人口数_合计"), ("2010", c10, "合计")):
        for col, ind in ((total, "pop_resident"), ("城镇人口", "pop_urban"), ("乡村人口", "pop_rural")):
            v, _ = parse_numbers(df[col], file=f"census {year}", column=col)
            parts.append(pd.DataFrame({"region": df["code"].to_numpy(), "indicator": ind, "period": year,
                                       "value": to_unit(v, "人", "万人").to_numpy(), "unit": "万人"}))
    out = tidy(pd.concat(parts, ignore_index=True), "census")
    out = out[out["value"].notna()]
    say(f"census: {len(out)} values; 2010 rows dropped (code gone by 2020): "
        f"{REPORT['census_2010_codes_not_in_2020']}")
    return out


YEARBOOK_MAP = {"行政区域面积": "area", "乡": "townships", "镇": "towns", "街道办事处": "subdistricts",
                "户籍人口": "pop_registered", "地区生产总值": "gdp", "第一产业增加值": "va_primary",
                "第二产业增加值": "va_secondary", "第三产业增加值": "va_tertiary",
                "地方一般公共预算收入": "fiscal_revenue", "地方一般公共预算支出": "fiscal_expenditure",
                "住户储蓄存款余额": "household_deposits", "年末金融机构各项贷款余额": "loans",
                "设施农业种植占地面积": "facility_agriculture_area", "油料产量": "oil_crops", "棉花产量": "cotton",
                "规模以上工业企业": "industrial_firms", "固定电话用户": "fixed_phone_users",
                "普通中学在校学生": "secondary_students", "小学在校学生": "primary_students",
                "医疗卫生机构床位": "hospital_beds", "提供住宿的社会工作机构": "care_institutions",
                "提供住宿的社会工作机构床位": "care_beds"}


#: Cells of the transcription that are not numbers (a letter typed for a digit).
KNOWN_BAD_CELLS = {("怀柔区", "镇"): "e"}


def build_yearbook(raw: Path, regions: pd.DataFrame, catalog_units: pd.Series) -> pd.DataFrame:
    d = raw / "hlghpz_county_yearbook"
    v2, units, rep2 = read_hlghpz_yearbook(d / "county_yearbook_2021_v2_2075.csv")
    v1, _, rep1 = read_hlghpz_yearbook(d / "county_yearbook_2021_v1_1712.csv")
    # v1 has cleaner province labels: use them as fallback, keyed by name + GDP (names repeat).
    v1key = v1.set_index(v1["Area"] + "|" + v1["地区生产总值"].fillna(""))["Province"]
    v1key = v1key[~v1key.index.duplicated(keep=False)]
    fallback = (v2["Area"] + "|" + v2["地区生产总值"].fillna("")).map(v1key)
    counties = regions[regions["level"].isin(["county", "district", "county_city"])]
    codes, how = assign_codes_by_name(v2, counties, fallback_province=fallback,
                                      file="county_yearbook_2021_v2_2075.csv")
    REPORT["yearbook"] = {"rows": len(v2), "stray_comma_rows": rep2["stray_comma_rows"],
                          "names_stripped": rep2["names_stripped"],
                          "match": how["how"].value_counts().to_dict(),
                          "double_province_labels": int(v2["Province"].str.contains("、").sum()),
                          "unmatched_names": how.loc[how["code"].isna(), "name"].tolist()}
    v2 = v2.assign(code=codes)
    dupcode = v2["code"].notna() & v2["code"].duplicated(keep=False)
    REPORT["yearbook"]["duplicate_code_rows_dropped"] = v2.loc[dupcode, "Area"].tolist()
    v2 = v2[v2["code"].notna() & ~dupcode]
    # Transcription errors found by the parser (not in SOURCES.md): set missing, recorded.
    fixed = []
    for (area, col), raw_text in KNOWN_BAD_CELLS.items():
        hit = (v2["Area"] == area) & (v2[col] == raw_text)
        fixed += [{"row": int(r), "area": area, "column": col, "raw": raw_text} for r in v2.loc[hit, "row"]]
        v2.loc[hit, col] = None
    REPORT["yearbook"]["bad_cells_set_missing"] = fixed
    parts = []
    for col, ind in YEARBOOK_MAP.items():
        unit = {"人": "人", "万元": "万元"}.get(units[col], units[col])
        v, _ = parse_numbers(v2[col], file="county_yearbook_2021_v2_2075.csv", column=col,
                             rows=v2["row"].to_numpy())
        target = catalog_units[ind]
        parts.append(pd.DataFrame({"region": v2["code"].to_numpy(), "indicator": ind, "period": "2020",
                                   "value": to_unit(v, unit, target).to_numpy(), "unit": target}))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["value"].notna()]
    cur = out["indicator"].isin(["gdp", "va_primary", "va_secondary", "va_tertiary"])
    res = pd.concat([tidy(out[~cur], "yearbook2020"), tidy(out[cur], "yearbook2020", price_basis="current")])
    say(f"yearbook: {len(v2)} counties coded; match {REPORT['yearbook']['match']}; "
        f"stray-comma rows {rep2['stray_comma_rows']}, v1 {rep1['stray_comma_rows']}; "
        f"{rep2['names_stripped']} names stripped")
    return res


def in_provinces(code: pd.Series) -> pd.Series:
    return code.astype(str).str[:2].isin([p[:2] for p in PROVINCES])


def build_csmar_county(raw: Path, regions: pd.DataFrame) -> pd.DataFrame:
    d = raw / "csmar_county_duhe"
    known = set(regions["code"])
    parts = []
    fai = pd.read_csv(d / "CNT_FixAstInv.csv", encoding="utf-8-sig", dtype={"CountyCode": str})
    pop = pd.read_csv(d / "CNT_PopHouseUrbRate.csv", encoding="utf-8-sig", dtype={"CountyCode": str})
    for df, cols in ((fai, {"FixAst": ("fai", "亿元")}),
                     (pop, {"PopNum": ("pop_registered", "万人"), "Pop_Agr": ("pop_agricultural", "万人"),
                            "Pop_NonAgr": ("pop_nonagricultural", "万人"),
                            "ResdPop_Urban": ("pop_urban", "万人"), "ResdPop_Rural": ("pop_rural", "万人")})):
        df = df[in_provinces(df["CountyCode"])]
        for col, (ind, unit) in cols.items():
            parts.append(pd.DataFrame({"region": df["CountyCode"].to_numpy(), "indicator": ind,
                                       "period": df["SgnYear"].astype(str).to_numpy(),
                                       "value": pd.to_numeric(df[col]).to_numpy(), "unit": unit}))
    wide = pd.read_csv(d / "ADM3_wide_perreggdp.csv", dtype={"id": str})
    wide = wide[in_provinces(wide["id"])]
    long = wide.melt(id_vars=["id", "county"], var_name="col", value_name="value")
    parts.append(pd.DataFrame({"region": long["id"], "indicator": "gdp_per_capita",
                               "period": long["col"].str[-4:],
                               "value": to_unit(pd.to_numeric(long["value"]), "万元/人", "元/人"),
                               "unit": "元/人"}))
    clean = pd.read_csv(d / "CleanData_wide.csv", dtype={"countycode": str})
    clean = clean[in_provinces(clean["countycode"])]
    for y in ("2001", "2011", "2021"):
        for col, ind in ((f"reggdp{y}", "gdp"), (f"reggdp_primary{y}", "va_primary")):
            parts.append(pd.DataFrame({"region": clean["countycode"].to_numpy(), "indicator": ind,
                                       "period": y, "value": to_unit(pd.to_numeric(clean[col]), "万元", "亿元").to_numpy(),
                                       "unit": "亿元"}))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["value"].notna()]
    # The source has impossible negative populations (e.g. Pop_Agr = -506904 万人): dropped, counted.
    neg = out["value"] < 0
    REPORT["csmar_county_negative_values_dropped"] = out.loc[neg, ["region", "indicator", "period", "value"]].values.tolist()
    out = out[~neg]
    n = len(out)
    dropped = sorted(set(out.loc[~out["region"].isin(known), "region"]))
    out = out[out["region"].isin(known)]
    # the same place can appear twice in a year (old and new code mapped to one); keep none if they conflict
    key = ["region", "indicator", "period"]
    conflicts = out[out.duplicated(key, keep=False)]
    out = out.drop_duplicates(key, keep=False)
    REPORT["csmar_county"] = {"values": len(out), "rows_with_codes_not_in_2020": n - len(out) - len(conflicts),
                              "codes_not_in_2020": dropped, "conflicting_duplicates_dropped": len(conflicts)}
    price = np.where(out["indicator"].isin(["gdp", "va_primary", "gdp_per_capita"]), "current", "")
    res = tidy(out, "csmar_county").assign(price_basis=price)
    # Derived: county GDP = published per-capita GDP x registered population (where no published GDP)
    pc = res[res["indicator"] == "gdp_per_capita"].set_index(["region", "period"])["value"]
    pp = res[res["indicator"] == "pop_registered"].set_index(["region", "period"])["value"]
    both = pd.concat({"pc": pc, "pop": pp}, axis=1).dropna()
    gdp = (both["pc"] * both["pop"] * 1e4 / 1e8).rename("value").reset_index()
    published = set(map(tuple, res.loc[res["indicator"] == "gdp", ["region", "period"]].to_numpy()))
    gdp = gdp[[(r, p) not in published for r, p in gdp[["region", "period"]].to_numpy()]]
    derived = tidy(gdp.assign(indicator="gdp", unit="亿元"), "derived", flag="derived", price_basis="current")
    REPORT["derived_county_gdp"] = len(derived)
    say(f"csmar county: {len(res)} values; {len(derived)} derived GDP values; "
        f"{len(dropped)} old codes dropped")
    return pd.concat([res, derived], ignore_index=True)


def build_csmar_city(raw: Path, regions: pd.DataFrame) -> pd.DataFrame:
    df = pd.read_csv(raw / "csmar_city_eileenchen/CRE_Gdpct.csv", encoding="utf-8-sig", dtype=str)
    rows = np.arange(len(df)) + 2
    keep = in_provinces(df["Ctnm_id"]).to_numpy()
    df, rows = df[keep], rows[keep]
    known = set(regions["code"])
    num = {c: pd.to_numeric(df[c]) for c in ["Gdpct01", "Gdpct02", "Gdpct03", "Gdpct04", "GDP_PerCapita",
                                             "GDPYoY", "GDP_PrimInd", "GDP_SecInd", "GDP_TerInd"]}
    year = df["Sgnyea"].astype(int)
    gdp = pd.Series(num["Gdpct01"].to_numpy(), index=pd.MultiIndex.from_arrays([df["Ctnm_id"], year]))
    prev = gdp.copy()
    prev.index = pd.MultiIndex.from_arrays([prev.index.get_level_values(0), prev.index.get_level_values(1) + 1])
    nominal = ((gdp / prev.reindex(gdp.index)) - 1) * 100
    growth, converted = normalise_growth(num["GDPYoY"].reset_index(drop=True),
                                         pd.Series(nominal.to_numpy()), file="CRE_Gdpct.csv", rows=rows)
    REPORT["csmar_city_index_rows_converted"] = df.loc[converted.to_numpy(), ["Ctnm_id", "Sgnyea", "GDPYoY"]].values.tolist()
    spec = [("Gdpct01", "gdp", "亿元", "current"), ("Gdpct02", "share_primary", "%", ""),
            ("Gdpct03", "share_secondary", "%", ""), ("Gdpct04", "share_tertiary", "%", ""),
            ("GDP_PerCapita", "gdp_per_capita", "元/人", "current"),
            ("GDP_PrimInd", "va_primary", "万元", "current"), ("GDP_SecInd", "va_secondary", "万元", "current"),
            ("GDP_TerInd", "va_tertiary", "万元", "current")]
    parts = []
    for col, ind, unit, pb in spec:
        target = "亿元" if unit == "万元" else unit
        parts.append(pd.DataFrame({"region": df["Ctnm_id"].to_numpy(), "indicator": ind,
                                   "period": df["Sgnyea"].to_numpy(),
                                   "value": to_unit(num[col], unit, target).to_numpy(), "unit": target,
                                   "price_basis": pb}))
    parts.append(pd.DataFrame({"region": df["Ctnm_id"].to_numpy(), "indicator": "gdp_real_growth",
                               "period": df["Sgnyea"].to_numpy(), "value": growth.to_numpy(), "unit": "%",
                               "price_basis": "comparable"}))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["value"].notna() & out["region"].isin(known)]
    out = out.assign(source="csmar_city", flag="published")[list(TIDY_COLUMNS)]
    say(f"csmar city: {len(out)} values, {out['region'].nunique()} prefectures; "
        f"{len(REPORT['csmar_city_index_rows_converted'])} index-style growth rows converted")
    return out


def build_geo(raw: Path, out: Path, regions: pd.DataFrame) -> None:
    from shapely.geometry import mapping, shape
    d = raw / "geo_cn_counties_datav"
    known = set(regions["code"])
    REPORT["geo"] = {}
    for prov, name in PROVINCES.items():
        feats = []
        for f in sorted(d.glob(f"{prov[:2]}??00_full.json")):
            if f.name == f"{prov}_full.json":
                continue
            gj = json.loads(f.read_text(encoding="utf-8-sig"))
            for feat in gj["features"]:
                code = str(feat["properties"]["adcode"])
                geom = shape(feat["geometry"]).simplify(0.005, preserve_topology=True)
                g = mapping(geom)

                def rnd(c):
                    return [rnd(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0], 3), round(c[1], 3)]
                g = {"type": g["type"], "coordinates": rnd(g["coordinates"])}
                feats.append({"type": "Feature", "id": code,
                              "properties": {"code": code, "name_zh": feat["properties"]["name"]},
                              "geometry": g})
        unknown = [f["id"] for f in feats if f["id"] not in known]
        REPORT["geo"][name] = {"features": len(feats), "codes_not_in_regions": unknown}
        with atomic_path(out / "geo" / f"counties_{prov}.geojson") as tmp:
            tmp.write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                                      ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        say(f"geo {name}: {len(feats)} counties ({len(unknown)} codes not in the catalogue)")


PLAN_SOURCE = {"003_2085add2c54fd2dc.txt": "plan_zhangye_2018", "004_7dfaa91a7ad973be.txt": "plan_fushun_2018",
               "001_31a259c9e2552d67.txt": "plan_shaanxi_2021"}
SUBJECTS = {"全市县域经济体": "620700_COUNTIES", "张掖市": "620700", "全市工业产业园区": "210400_PARKS",
            "全市农产品加工集聚区": "210400_AGRI_CLUSTERS", "集聚区内农产品加工企业": "210400_AGRI_FIRMS",
            "全市服务业集聚区": "210400_SERVICE_CLUSTERS", "全市30个特色小镇": "210400_TOWNS",
            "全市重点景区": "210400_SCENIC", "全市特色名优品牌": "210400_BRANDS", "县域(三县)": "210400_COUNTIES",
            "城区": "210400_URBAN", "县域": "210400_COUNTIES", "全省县域": "610000_COUNTIES", "全省": "610000",
            "全省县域园区": "610000_COUNTY_PARKS"}
INDICATOR_ZH = {"产值": "industrial_output", "城区经济总量占全市比重": "county_share_of_parent",
                "地区生产总值增速": "gdp_growth_gap", "产业园区产值占县域总产值比重": "park_economy_share",
                "主导产业产值占园区总产值比重": "lead_industry_share"}
BENCHMARKS = {"全省县域平均": ("210000_COUNTIES", ""), "全省": ("610000", ""),
              "地区生产总值增幅": ("", "gdp_real_growth")}


def build_targets(plans: Path, regions: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    t = pd.read_csv(plans / "targets_from_plans.csv", dtype=str)
    by_name = {n: c for c, n, lvl in regions[["code", "name_zh", "level"]].itertuples(index=False)
               if lvl in ("county", "district", "county_city") and str(c).startswith("62")}
    name_to_code = {**by_name, **SUBJECTS}
    ind_by_zh = dict(zip(indicators["name_zh"], indicators.index, strict=True))
    out = []
    for i, r in t.iterrows():
        region = name_to_code.get(r["subject_zh"])
        ind = INDICATOR_ZH.get(r["indicator_zh"]) or ind_by_zh.get(r["indicator_zh"])
        if region is None or ind is None:
            sys.exit(f"targets_from_plans.csv row {i + 2}: cannot map subject {r['subject_zh']!r} "
                     f"or indicator {r['indicator_zh']!r}")
        bench = BENCHMARKS.get(r["benchmark_zh"]) if isinstance(r["benchmark_zh"], str) else ("", "")
        unit = r["unit"]
        out.append({"target_id": f"T{i + 1:03d}", "region": region, "subject_zh": r["subject_zh"],
                    "indicator": ind, "kind": r["kind"], "baseline_year": r["baseline_year"],
                    "baseline_value": r["baseline_value"], "target_year": r["target_year"],
                    "target_value": r["target_value"], "unit": unit, "comparison": r["comparison"],
                    "benchmark_region": bench[0], "benchmark_indicator": bench[1],
                    "source": PLAN_SOURCE[r["source_seed"]], "source_document": r["source_seed"],
                    "note": r["note"]})
    say(f"targets: {len(out)}")
    return pd.DataFrame(out)


PARK_MAP = {("园区规上企业", "工业总产值"): "industrial_output", ("园区规上企业", "实缴税收"): "tax_paid",
            ("园区", "工业投资"): "industrial_investment", ("园区", "技改投资"): "renovation_investment",
            ("园区", "基础设施投资"): "infrastructure_investment",
            ("纺织鞋服产业规上企业", "产值"): "industrial_output_textile_apparel",
            ("健康食品产业规上企业", "产值"): "industrial_output_health_food",
            ("园区主导产业", "产值占比"): "lead_industry_share",
            ("园区规上企业", "税收"): "tax_paid"}


def build_park(plans: Path) -> pd.DataFrame:
    p = pd.read_csv(plans / "park_ytd_from_report.csv", dtype=str)
    rows = []
    for _, r in p.iterrows():
        ind = PARK_MAP[(r["subject_zh"], r["indicator_zh"])]
        est = r["period"].startswith("全年")
        period = parse_ytd_period(r["period"], 2023)
        value = float(r["value"])
        flag = "estimated" if est else "published"
        rows.append({"region": "PARK_R002", "indicator": ind, "period": period, "value": value,
                     "unit": r["unit"], "price_basis": "current" if r["unit"] == "亿元" else "",
                     "source": "report_park_2023", "flag": flag})
        if isinstance(r["yoy_growth_pct"], str) and r["yoy_growth_pct"]:
            g = float(r["yoy_growth_pct"])
            rows.append({**rows[-1], "indicator": f"{ind}@yoy", "value": g, "unit": "%", "price_basis": ""})
            prev_period = f"{int(period[:4]) - 1}{period[4:]}"
            rows.append({**rows[-2], "period": prev_period, "value": value / (1 + g / 100), "flag": "derived"})
        if isinstance(r["firms"], str) and r["firms"] and not est:
            key = ("PARK_R002", "industrial_firms", period)
            if key not in {(x["region"], x["indicator"], x["period"]) for x in rows}:
                rows.append({"region": "PARK_R002", "indicator": "industrial_firms", "period": period,
                             "value": float(r["firms"]), "unit": "个", "price_basis": "",
                             "source": "report_park_2023", "flag": "published"})
    out = pd.DataFrame(rows)
    # the park's own lead-industry list gives output of "other industries" as a derived remainder
    say(f"park: {len(out)} values")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", type=Path, required=True)
    ap.add_argument("--plans", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path("data"))
    ap.add_argument("--skip-geo", action="store_true")
    a = ap.parse_args(argv)
    out = a.out
    regions = build_regions(a.raw, out)
    with atomic_path(out / "catalog/regions.csv") as tmp:
        regions.drop(columns=["province_name"]).to_csv(tmp, index=False)
    from countyviz import catalog, units
    catalog.load_regions.cache_clear()
    units.load_units.cache_clear()
    indicators = catalog.load_indicators()
    cat_units = indicators["unit"]
    files = {"census": build_census(a.raw, regions),
             "yearbook2020": build_yearbook(a.raw, regions, cat_units),
             "csmar_county": build_csmar_county(a.raw, regions),
             "csmar_city": build_csmar_city(a.raw, regions),
             "park_ytd": build_park(a.plans)}
    reg = catalog.load_regions()
    for name, df in files.items():
        df = df.sort_values(["region", "indicator", "period"]).reset_index(drop=True)
        validate_tidy(df, file=f"data/tidy/{name}.csv", indicators=indicators, regions=reg)
        write_tidy(df, out / "tidy" / f"{name}.csv")
    targets = build_targets(a.plans, regions.set_index("code").assign(code=lambda d: d.index), indicators)
    with atomic_path(out / "catalog/targets.csv") as tmp:
        targets.to_csv(tmp, index=False)
    if not a.skip_geo:
        build_geo(a.raw, out, regions)
    with atomic_path(out / "build_report.json") as tmp:
        tmp.write_text(json.dumps(REPORT, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
