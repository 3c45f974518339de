/** The HTML digest's one stylesheet, inline: nothing is fetched. */
export const DIGEST_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#fff;margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dee8;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:8px 0 12px;font-variant-numeric:tabular-nums}th,td{border:1px solid #d8dee8;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f5f9}tr:nth-child(even) td{background:#fafbfd}td.num,th.num{text-align:right;white-space:nowrap}
ul{margin:6px 0;padding-left:20px}code{background:#f2f5f9;padding:0 3px;border-radius:3px}
details summary{cursor:pointer;font-weight:600}
aside{border:2px dashed #b08800;background:#fffbea;padding:4px 14px;margin:16px 0}aside h2{border:none;margin-top:8px}
figure{margin:8px 0}svg.chart{display:block;max-width:100%;height:auto;border:1px solid #e3e8ef;background:#fff}
svg .chart-title{font-size:13px;font-weight:600;fill:#1d2330}svg .tick{font-size:11px;fill:#4b5563}svg .axis{stroke:#6b7280}svg .grid{stroke:#eceff4}svg .empty{font-size:14px;fill:#9ca3af}
`.trim();
