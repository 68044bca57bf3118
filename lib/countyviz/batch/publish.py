"""Offline HTML: one self-contained page per executed notebook, and the index page.

Pages load ``plotly.js`` from ``assets/plotly.min.js`` next to them (copied once per output
folder from the installed plotly package) and nothing from the network: nbconvert's CDN
references (require.js, MathJax, mermaid, jQuery) are removed.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from ..io import atomic_path

__all__ = ["ASSET_DIR", "copy_assets", "notebook_to_html", "write_index"]

ASSET_DIR = "assets"
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"'](?:https?:)?//[^\"']*[\"'][^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link[^>]*\bhref=[\"'](?:https?:)?//[^\"']*[\"'][^>]*>", re.I)
_MODULE_CDN = re.compile(r"<script type=\"module\">(?:(?!</script>).)*?https://cdnjs(?:(?!</script>).)*?</script>", re.S)
_MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)


def copy_assets(out_dir: Path) -> Path:
    """Copy plotly.js into ``out_dir/assets`` (once) and return its path."""
    import plotly
    src = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    dest = out_dir / ASSET_DIR / "plotly.min.js"
    if not dest.exists() or dest.stat().st_size != src.stat().st_size:
        with atomic_path(dest) as tmp:
            shutil.copyfile(src, tmp)
    return dest


@lru_cache(maxsize=2)
def _exporter(show_code: bool):
    from nbconvert import HTMLExporter
    exp = HTMLExporter(template_name="lab")
    exp.exclude_input = not show_code
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.require_js_url = ""
    exp.mathjax_url = ""
    exp.jquery_url = ""
    return exp


def notebook_to_html(nb: nbformat.NotebookNode, *, title: str, show_code: bool = False,
                     asset_prefix: str = ASSET_DIR) -> str:
    """Render an executed notebook as an offline HTML page.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hi")])
    >>> page = notebook_to_html(nb, title="t")
    >>> "cdnjs" in page, "assets/plotly.min.js" in page
    (False, True)
    """
    body, _ = _exporter(show_code).from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = _MATHJAX_BLOCK.sub("", body)
    body = _MODULE_CDN.sub("", body)
    body = _REMOTE_SCRIPT.sub("", body)
    body = _REMOTE_LINK.sub("", body)
    body = re.sub(r"<script[^>]*\bsrc=[\"']{2}[^>]*>\s*</script>", "", body)
    plotly_tag = f'<script src="{asset_prefix}/plotly.min.js" charset="utf-8"></script>'
    body = body.replace("</head>", plotly_tag + "\n</head>", 1)
    return body


_INDEX_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;white-space:nowrap}
th{cursor:pointer;background:#f4f6f8;position:sticky;top:0}
th:after{content:" \\2195";color:#aaa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#1b7f3b}.failed,.timeout{color:#b3261e;font-weight:bold}.skipped{color:#777}.cached{color:#1b5e9f}
"""

_SORT_JS = """
document.querySelectorAll('th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var tb = th.closest('table').tBodies[0], rows = Array.from(tb.rows);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    rows.sort(function(a, b){
      var x = a.cells[col].dataset.v || a.cells[col].textContent,
          y = b.cells[col].dataset.v || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'zh');
      return asc ? c : -c;
    });
    rows.forEach(function(r){ tb.appendChild(r); });
  });
});
"""


def write_index(out_dir: Path, entries: list[dict[str, Any]], *, title: str = "countyviz reports") -> Path:
    """Write ``index.html``: every report with status, key figures and link (sortable table).

    Each entry has ``report_id, notebook, region, region_name, status, seconds, html,
    key_figures`` (dict) and optionally ``error``.
    """
    keys: list[str] = []
    for e in entries:
        for k in (e.get("key_figures") or {}):
            if k not in keys:
                keys.append(k)
    labels: dict[str, str] = {}
    for e in entries:
        labels.update(e.get("key_labels") or {})
    head = ["报告 Report", "地区 Region", "代码 Code", "状态 Status", "秒 Seconds"] + [labels.get(k, k) for k in keys]
    rows = []
    for e in sorted(entries, key=lambda e: (e.get("notebook", ""), e.get("region") or "")):
        link = (f'<a href="{html.escape(e["html"])}">{html.escape(e["notebook"])}</a>'
                if e.get("html") else html.escape(e.get("notebook", "")))
        status = e.get("status", "")
        tip = f' title="{html.escape(e["error"])}"' if e.get("error") else ""
        cells = [f"<td>{link}</td>", f"<td>{html.escape(e.get('region_name') or '')}</td>",
                 f"<td>{html.escape(e.get('region') or '')}</td>",
                 f'<td class="{status}"{tip}>{status}</td>',
                 f'<td class="num">{e.get("seconds", 0):.1f}</td>']
        kf = e.get("key_figures") or {}
        for k in keys:
            v = kf.get(k)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cells.append(f'<td class="num" data-v="{v}">{v:,.2f}</td>')
            else:
                cells.append(f"<td>{'—' if v is None else html.escape(str(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.get("status", "")] = counts.get(e.get("status", ""), 0) + 1
    summary = " · ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    page = f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{_INDEX_CSS}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{len(entries)} reports · {html.escape(summary)}</p>
<table><thead><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in head)}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<script>{_SORT_JS}</script>
<script type="application/json" id="countyviz-entries">{html.escape(json.dumps(entries, ensure_ascii=False, default=str))}</script>
</body></html>"""
    path = out_dir / "index.html"
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
