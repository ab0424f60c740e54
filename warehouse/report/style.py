"""The report's stylesheet, inlined into the page (no external assets)."""

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --band: #0b3d62; --accent: #0072B2; --ok: #1a7f37;
        --bad: #cf222e; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 14px/1.5 "Liberation Sans", "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; }
header { background: var(--band); color: #fff; padding: 28px 0 24px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 700; letter-spacing: .2px; }
header p { margin: 0; color: #c9d7e3; font-size: 13px; }
main { max-width: 1120px; margin: 0 auto; padding: 0 24px 40px; }
header .inner { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: -18px 0 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card .value { font-size: 24px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; margin-top: 18px; }
section h2 { margin: 0 0 4px; font-size: 19px; }
section h3 { font-size: 14px; margin: 18px 0 8px; }
section .note { margin: 0 0 14px; color: var(--muted); font-size: 13px; }
svg.chart { max-width: 100%; height: auto; display: block; }
.split { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 6px 8px;
     white-space: nowrap; }
td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.evidence { color: #30363d; font-style: italic; border-left: 3px solid #d0d7de; padding-left: 8px; margin-top: 4px; }
.source { font-size: 12px; margin-top: 4px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.ok { background: #dafbe1; color: var(--ok); }
.badge.bad { background: #ffebe9; color: var(--bad); }
.chips span { display: inline-block; background: #eef2f6; border-radius: 10px; padding: 0 8px; margin: 0 4px 3px 0;
              font-size: 12px; white-space: nowrap; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; padding: 12px 0; }
footer { max-width: 1120px; margin: 18px auto 0; padding: 0 24px 24px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } section { break-inside: avoid; } }
"""
