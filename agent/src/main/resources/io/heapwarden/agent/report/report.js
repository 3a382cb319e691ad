/*
 * Heapwarden's HTML report: draws the charts described by the JSON block #heapwarden-data with
 * uPlot (inlined above). Every text from the recording is set with textContent, never as markup.
 * When all charts have drawn, <body data-rendered="N"> is set; each chart's container carries
 * data-points (values drawn) and data-painted (canvas pixels painted), which tests read.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('heapwarden-data').textContent);
  var holder = document.getElementById('charts');
  var colors = {
    'heap after GC': '#1f77b4',
    'heap max': '#7f7f7f',
    'working set': '#2ca02c',
    'container memory usage': '#98df8a',
    'RSS': '#17becf',
    'container limit': '#d62728',
    'pressure level': '#ff7f0e',
    'GC nudge (heap before)': '#9467bd',
    'emergency trim': '#e377c2',
    'entries evicted': '#8c564b',
    'sessions evicted': '#bcbd22',
    'size': '#1f77b4',
    'bound': '#d62728'
  };
  var levels = ['NORMAL', 'WARN', 'CRITICAL'];
  // the same axis widths on every chart, so that their time axes line up
  var LEFT = 90;
  var RIGHT = 90;
  var RIGHT_GAP = 30; // what uPlot leaves right of a right axis, measured in Chromium
  var drawn = 0;

  function seriesOptions(s) {
    var color = colors[s.label] || '#333333';
    var options = { label: s.label, scale: s.scale, stroke: color, width: 2, spanGaps: true };
    if (s.style === 'step') {
      options.paths = uPlot.paths.stepped({ align: 1 });
    } else if (s.style === 'bars') {
      options.paths = uPlot.paths.bars({ size: [0.8, 16] });
      options.fill = color;
      options.points = { show: false };
    } else if (s.style === 'points') {
      options.paths = function () { return null; };
      options.points = { show: true, size: 11, width: 2, stroke: color, fill: color };
    }
    if (s.scale === 'bytes') {
      options.value = function (u, v) { return v == null ? '-' : v.toFixed(1) + ' MiB'; };
    } else if (s.scale === 'level') {
      options.value = function (u, v) { return v == null ? '-' : levels[v] || String(v); };
    }
    return options;
  }

  function axes(scales) {
    var list = [{ label: 'seconds since the recording started' }];
    var left = true;
    if (scales.bytes) {
      list.push({ scale: 'bytes', label: 'MiB', side: 3, size: LEFT });
      left = false;
    }
    if (scales.count) {
      list.push({
        scale: 'count', label: 'count', side: left ? 3 : 1, grid: { show: left },
        size: left ? LEFT : RIGHT
      });
      left = false;
    }
    if (scales.level) {
      list.push({
        scale: 'level', label: 'pressure', side: left ? 3 : 1, grid: { show: false },
        size: left ? LEFT : RIGHT,
        splits: function () { return [0, 1, 2]; },
        values: function (u, splits) {
          return splits.map(function (v) { return levels[v] || ''; });
        }
      });
    }
    return list;
  }

  /** The first y scale goes left, any other right (see axes). */
  function rightAxis(scales) {
    return (scales.bytes ? 1 : 0) + (scales.count ? 1 : 0) + (scales.level ? 1 : 0) > 1;
  }

  function painted(u) {
    var canvas = u.ctx.canvas;
    var pixels = u.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var count = 0;
    for (var i = 3; i < pixels.length; i += 4) {
      if (pixels[i] !== 0) {
        count++;
      }
    }
    return count;
  }

  function draw(chart) {
    var section = document.createElement('section');
    section.className = 'chart';
    section.id = 'chart-' + chart.id;
    var title = document.createElement('h3');
    title.textContent = chart.title;
    section.appendChild(title);
    holder.appendChild(section);

    var tables = [];
    var scales = { x: { time: false, range: [0, data.seconds] } };
    var points = 0;
    chart.series.forEach(function (s) {
      tables.push([s.t, s.v]);
      points += s.v.length;
      if (s.scale === 'level') {
        scales.level = { range: [0, 2.2] };
      } else if (s.scale === 'count') {
        scales.count = { range: function (u, min, max) { return [0, Math.max(1, max) * 1.1]; } };
      } else {
        scales[s.scale] = { range: function (u, min, max) { return [0, Math.max(1, max) * 1.1]; } };
      }
    });
    var joined = uPlot.join(tables);
    var width = Math.max(600, Math.min(1300, document.documentElement.clientWidth - 60));
    var options = {
      width: width,
      height: chart.id.indexOf('rule-') === 0 ? 200 : 320,
      scales: scales,
      axes: axes(scales),
      // a chart without a right axis keeps its space free
      padding: [null, rightAxis(scales) ? null : RIGHT + RIGHT_GAP, null, null],
      series: [{ label: 's', value: function (u, v) { return v == null ? '-' : v.toFixed(1) + ' s'; } }]
        .concat(chart.series.map(seriesOptions)),
      hooks: {
        draw: [function (u) {
          if (section.hasAttribute('data-painted')) {
            return;
          }
          section.setAttribute('data-points', String(points));
          section.setAttribute('data-painted', String(painted(u)));
          drawn++;
          if (drawn === data.charts.length) {
            document.body.setAttribute('data-rendered', String(drawn));
          }
        }]
      }
    };
    new uPlot(options, joined, section);
  }

  if (data.charts.length === 0) {
    var none = document.createElement('p');
    none.textContent = 'No time series in this recording to draw.';
    holder.appendChild(none);
    document.body.setAttribute('data-rendered', '0');
  }
  data.charts.forEach(draw);
})();
