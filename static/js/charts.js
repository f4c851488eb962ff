// Draws the charts a page declares: <div class="tx-chart" data-source="json-script-id" data-label="..."></div>
// The data is [{"name": ..., "value": ...}] from the server's records (json_script), never typed in.
(function () {
  function draw(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || !window.echarts) return;
    var rows = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }),
               axisLabel: { width: 140, overflow: "truncate" } },
      series: [{ type: "bar", name: el.dataset.label || "", data: rows.map(function (r) { return r.value; }),
                 itemStyle: { color: "#c62828" }, label: { show: true, position: "right" } }],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".tx-chart").forEach(draw);
  });
})();
