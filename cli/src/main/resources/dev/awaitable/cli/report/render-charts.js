(function () {
  var body = document.body;
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
  var whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  function fmt(v) {
    if (Array.isArray(v)) { v = v[v.length - 1]; }
    if (typeof v !== 'number' || !isFinite(v)) { return '\u2014'; }
    return Math.abs(v) >= 100 ? whole.format(v) : small.format(v);
  }
  var charts = [];
  var ok = 0;
  if (typeof echarts === 'undefined') {
    console.error('the embedded chart library did not load');
  } else {
    specs.forEach(function (spec) {
      try {
        var el = document.getElementById(spec.id);
        if (!el) { throw new Error('no element #' + spec.id); }
        var option = spec.option;
        ['xAxis', 'yAxis'].forEach(function (name) {
          var axis = option[name];
          if (axis && axis.type !== 'category') {
            axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: fmt });
          }
        });
        option.tooltip = Object.assign({}, option.tooltip, {
          valueFormatter: function (v) { return fmt(v) + ' ' + spec.unit; }
        });
        var chart = echarts.init(el, null, { renderer: 'svg' });
        chart.setOption(option);
        charts.push(chart);
        ok++;
      } catch (e) {
        console.error('chart ' + spec.id + ' failed: ' + (e && e.message ? e.message : e));
      }
    });
  }
  body.setAttribute('data-charts-ok', String(ok));
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
