// The listening dashboard's charts: plotly.js (served locally) draws the data that the
// page carries in a json_script element; each chart's table stays as the accessible
// fallback (open without JavaScript, folded once the chart is drawn). A click on a bar
// opens the posts behind it. No inline script: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  var COLORS = { positive: "#1e7b3e", neutral: "#9aa7b0", negative: "#b3261e", line: "#0f5d5e", bar: "#2f7d9b" };
  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function layout(extra) {
    var base = {
      margin: { l: 56, r: 64, t: 16, b: 48 },
      height: 320,
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { family: "system-ui, sans-serif", size: 12 },
      legend: { orientation: "h", y: -0.2 }
    };
    for (var key in extra) { base[key] = extra[key]; }
    return base;
  }

  function draw(id, traces, extra, links) {
    var element = document.getElementById(id);
    if (!element) { return; }
    window.Plotly.newPlot(element, traces, layout(extra), CONFIG).then(function () {
      element.setAttribute("data-ready", "true");
      var table = element.parentElement.querySelector("details.chart-table");
      if (table) { table.open = false; }
      element.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var link = point && links && links[point.pointIndex];
        if (link) { window.location.assign(link); }
      });
    });
  }

  function bars(data, label) {
    return [{ type: "bar", x: data.x, y: data.y, name: label, marker: { color: COLORS.bar } }];
  }

  function start() {
    var source = document.getElementById("listening-charts");
    if (!source || !window.Plotly) { return; }
    var data = JSON.parse(source.textContent);
    var labels = data.labels;
    var volume = data.volume;
    var traces = ["negative", "neutral", "positive"].map(function (name) {
      return { type: "bar", x: volume.x, y: volume[name], name: labels[name], marker: { color: COLORS[name] } };
    });
    traces.push({
      type: "scatter", mode: "lines+markers", x: volume.x, y: volume.net, name: labels.net,
      yaxis: "y2", line: { color: COLORS.line, width: 2 }, connectgaps: false
    });
    draw("chart-volume", traces, {
      barmode: "stack",
      xaxis: { type: "category" },
      yaxis: { title: { text: labels.posts }, rangemode: "tozero" },
      yaxis2: { title: { text: labels.net }, overlaying: "y", side: "right", range: [-1, 1], zeroline: true }
    }, volume.links);
    draw("chart-share", bars(data.share, labels.posts), { height: 260, xaxis: { type: "category" } }, data.share.links);
    draw("chart-sources", bars(data.sources, labels.posts), { height: 260, xaxis: { type: "category" } }, data.sources.links);
    draw("chart-languages", bars(data.languages, labels.posts), { height: 260, xaxis: { type: "category" } }, data.languages.links);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
