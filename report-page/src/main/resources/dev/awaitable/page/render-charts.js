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
  // Whiskers of confidence intervals: a custom series whose spec names its renderItem
  // ('whisker-x': rows of [low, high, category]; 'whisker-y': rows of [x, low, high]).
  function line(x1, y1, x2, y2, api) {
    return { type: 'line', shape: { x1: x1, y1: y1, x2: x2, y2: y2 },
             style: { stroke: api.visual('color'), lineWidth: 1.5 } };
  }
  var whiskers = {
    'whisker-x': function (params, api) {
      var lo = api.coord([api.value(0), api.value(2)]);
      var hi = api.coord([api.value(1), api.value(2)]);
      var cap = 5;
      return { type: 'group', children: [
        line(lo[0], lo[1], hi[0], hi[1], api),
        line(lo[0], lo[1] - cap, lo[0], lo[1] + cap, api),
        line(hi[0], hi[1] - cap, hi[0], hi[1] + cap, api)] };
    },
    'whisker-y': function (params, api) {
      var lo = api.coord([api.value(0), api.value(1)]);
      var hi = api.coord([api.value(0), api.value(2)]);
      var cap = 5;
      return { type: 'group', children: [
        line(lo[0], lo[1], hi[0], hi[1], api),
        line(lo[0] - cap, lo[1], lo[0] + cap, lo[1], api),
        line(hi[0] - cap, hi[1], hi[0] + cap, hi[1], api)] };
    }
  };
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
        (option.series || []).forEach(function (series) {
          if (series.type === 'custom') {
            var draw = whiskers[series.renderItem];
            if (!draw) { throw new Error('unknown renderItem ' + series.renderItem); }
            series.renderItem = draw;
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
