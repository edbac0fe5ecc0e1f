// Dashboard: interactions per salesperson per week, inbound against outbound per
// week, and the throughput of the email logging job's recent runs, drawn as SVG
// bar charts. Colours come from classes in app.css (the page's policy allows no
// inline style); every bar has a <title> that says what it counts.
import { $, api, element, report } from "./ui.js";

const markup = `
<h2>Dashboard</h2>
<form id="dashboard-form">
  <label>Weeks <input name="weeks" type="number" min="1" max="200" value="12"></label>
  <label>Up to <input name="until" type="date"></label>
  <button type="submit">Show</button>
</form>
<h3>Interactions per salesperson per week</h3>
<ul class="legend" id="legend-salespersons"></ul>
<div class="chart-box" id="chart-salespersons"></div>
<h3>Inbound and outbound per week</h3>
<ul class="legend" id="legend-directions"></ul>
<div class="chart-box" id="chart-directions"></div>
<h3>Email logging: messages per run</h3>
<div class="chart-box" id="chart-runs"></div>
<h3>Email logging: messages per hour</h3>
<div class="chart-box" id="chart-hours"></div>
<p class="error" id="dashboard-error" role="alert"></p>`;

const SVG = "http://www.w3.org/2000/svg";
const SERIES_CLASSES = 8;  // series-0 ... series-7 in app.css, reused round robin

function svg(tag, attributes = {}, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== "") node.textContent = text;
  return node;
}

// A bar chart with one group of bars per category: groups are {label, title,
// values (one per series)}; series are {name, className}. Stacked: a group's
// values are one bar in parts; else they stand side by side.
function barChart(caption, groups, series, stacked) {
  const width = 760, height = 240, left = 44, right = 8, top = 10, bottom = 36;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const total = (values) => values.reduce((sum, value) => sum + value, 0);
  const largest = Math.max(1, ...groups.map((g) => (stacked ? total(g.values) : Math.max(0, ...g.values))));
  const scale = Math.ceil(largest / 4) * 4;  // four whole-number steps
  const y = (value) => top + plotHeight - (plotHeight * value) / scale;

  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": caption });
  chart.appendChild(svg("title", {}, caption));
  for (let step = 0; step <= 4; step++) {
    const value = (scale * step) / 4;
    chart.append(svg("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), class: "grid" }),
                 svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis" }, String(value)));
  }
  const slot = plotWidth / Math.max(1, groups.length);
  const barSpace = slot * 0.7;
  const labelEvery = Math.ceil(groups.length / 16);
  groups.forEach((group, index) => {
    const g = svg("g", { class: "bar-group" });
    g.appendChild(svg("title", {}, group.title));
    const start = left + index * slot + (slot - barSpace) / 2;
    let stackedSoFar = 0;
    group.values.forEach((value, s) => {
      if (value <= 0) return;
      const barWidth = stacked ? barSpace : barSpace / group.values.length;
      const x = stacked ? start : start + s * barWidth;
      const base = stacked ? stackedSoFar : 0;
      stackedSoFar += value;
      const bar = svg("rect", { x, y: y(base + value), width: barWidth, height: y(base) - y(base + value),
                                class: "bar " + series[s].className });
      bar.appendChild(svg("title", {}, `${group.title} – ${series[s].name}: ${value}`));
      g.appendChild(bar);
    });
    if (index % labelEvery === 0) {
      g.appendChild(svg("text", { x: left + index * slot + slot / 2, y: height - bottom + 16, "text-anchor": "middle",
                                  class: "axis" }, group.label));
    }
    chart.appendChild(g);
  });
  return chart;
}

function legend(list, series) {
  list.replaceChildren(...series.map((s) => {
    const item = element("li", "");
    const swatch = svg("svg", { width: 12, height: 12, "aria-hidden": "true" });
    swatch.appendChild(svg("rect", { width: 12, height: 12, class: "bar " + s.className }));
    item.append(swatch, document.createTextNode(" " + s.name));
    return item;
  }));
}

function show(dashboard) {
  const weekTitle = (w) => `${w.week} (from ${w.first_day})`;
  const weekLabel = (w) => w.week.slice(5);
  const people = dashboard.salespersons.map((code, i) => ({ name: code, className: "series-" + (i % SERIES_CLASSES) }));
  legend($("legend-salespersons"), people);
  $("chart-salespersons").replaceChildren(barChart(
    "Interactions per salesperson per week",
    dashboard.weeks.map((w) => ({ label: weekLabel(w), title: weekTitle(w),
                                  values: dashboard.salespersons.map((code) => w.salespersons[code] || 0) })),
    people, true));

  const directions = [{ name: "inbound", className: "inbound" }, { name: "outbound", className: "outbound" }];
  legend($("legend-directions"), directions);
  $("chart-directions").replaceChildren(barChart(
    "Inbound and outbound interactions per week",
    dashboard.weeks.map((w) => ({ label: weekLabel(w), title: weekTitle(w), values: [w.inbound, w.outbound] })),
    directions, false));

  const messages = [{ name: "messages", className: "throughput" }];
  if (dashboard.runs.length === 0) {
    $("chart-runs").replaceChildren(element("p", "The email logging job has not run yet."));
    $("chart-hours").replaceChildren();
    return;
  }
  $("chart-runs").replaceChildren(barChart(
    "Messages per run of the email logging job",
    dashboard.runs.map((r) => ({ label: "#" + r.id, values: [r.messages],
                                 title: `Run ${r.id}, ${r.status}, ended ${r.ended_at} after ${r.seconds} s` })),
    messages, false));
  $("chart-hours").replaceChildren(barChart(
    "Messages per hour of the email logging job",
    dashboard.hours.map((h) => ({ label: h.hour.slice(11, 16), title: "Hour from " + h.hour, values: [h.messages] })),
    messages, false));
}

async function load() {
  $("dashboard-error").textContent = "";
  const query = new URLSearchParams();
  for (const [name, value] of new FormData($("dashboard-form"))) if (value) query.set(name, value);
  try {
    show(await api.json("/dashboard?" + query));
  } catch (error) {
    report($("dashboard-error"), error);
  }
}

export default {
  id: "dashboard",
  title: "Dashboard",
  permission: "read-entries",
  route: /^#\/dashboard$/,
  markup,
  setup() {
    $("dashboard-form").addEventListener("submit", (event) => { event.preventDefault(); load(); });
  },
  open() { return load(); },
};
