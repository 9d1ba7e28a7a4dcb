/*
 * The HTML report's page script. It reads the report data from the JSON script element
 * and builds the page with DOM calls: every text from the data goes in through
 * textContent (never innerHTML), links through the href property.
 * It exposes window.backtestReport for tests and benchmarks: the charts, per strategy
 * the markers it rendered and whether its series are visible, and paintedAt (ms after
 * navigation when the charts had painted). body[data-painted] is set when all is built.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var LC = window.LightweightCharts;

  var CHART_OPTIONS = {
    autoSize: true,
    layout: { background: { color: "#ffffff" }, textColor: "#1d2433" },
    grid: { vertLines: { color: "#eef1f5" }, horzLines: { color: "#eef1f5" } },
    timeScale: { timeVisible: true, secondsVisible: false, minBarSpacing: 0.1 },
    rightPriceScale: { borderColor: "#d8dee6" },
  };
  var BENCHMARK_COLOR = "#8a94a6";

  /** An element with optional class and text (set as textContent). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fixed(value, digits) {
    return value === null || value === undefined ? "N/A" : value.toFixed(digits);
  }

  function percent(value, signed) {
    if (value === null || value === undefined) return "N/A";
    return (signed && value > 0 ? "+" : "") + value.toFixed(2) + "%";
  }

  function price(value) {
    return String(Number(value.toPrecision(10)));
  }

  function iso(ms) {
    return new Date(ms).toISOString().replace("T", " ").replace(".000Z", "Z");
  }

  function signClass(value) {
    return value === null || value === undefined || value === 0 ? "" : value > 0 ? "pos" : "neg";
  }

  function swatch(color) {
    var node = el("span", "swatch");
    node.style.background = color;
    return node;
  }

  function renderHeader() {
    document.title = data.title;
    document.getElementById("title").textContent = data.title;
    var parts = [
      "Symbol " + data.symbol,
      "exchange " + data.exchangeName,
      "frame " + data.frameName,
      "test range " + iso(data.range.start) + " to " + iso(data.range.end),
    ];
    if (data.metric) parts.push("ranked by " + data.metric);
    document.getElementById("meta").textContent = parts.join(" · ");
  }

  function renderVerdict() {
    var box = document.getElementById("verdict");
    if (data.kind === "walker") {
      box.appendChild(el("p", "", data.best === null ? "No strategy has a " + data.metric + "." : "Best strategy: " + data.best));
      if (data.tieBroken) box.appendChild(el("p", "warn", data.tieBroken));
    }
    if (data.buyAndHold.stats) {
      box.appendChild(el("p", "muted", "Buy-and-hold over the test range: " + percent(data.buyAndHold.stats.totalPnl, true) + " (same fees and slippage)."));
    }
    data.strategies.forEach(function (strategy) {
      var line = el("p", strategy.luck && !strategy.luck.beatsLuck ? "warn" : "");
      line.setAttribute("data-luck", strategy.name);
      line.textContent = strategy.name + ": " + (strategy.luck ? strategy.luck.verdict : "no luck test (no trades, or the test is off)");
      box.appendChild(line);
    });
  }

  function lineData(points) {
    return points.map(function (point) {
      return { time: point[0], value: point[1] };
    });
  }

  function markerOf(strategy, marker) {
    var trade = strategy.trades[marker.trade];
    if (marker.kind === "entry") {
      var long = trade.position === "long";
      return {
        time: marker.time,
        position: long ? "belowBar" : "aboveBar",
        shape: long ? "arrowUp" : "arrowDown",
        color: strategy.color,
      };
    }
    return { time: marker.time, position: "inBar", shape: "circle", color: strategy.color, size: 0.6 };
  }

  function createPriceChart() {
    var chart = LC.createChart(document.getElementById("chart-price"), CHART_OPTIONS);
    var candles = chart.addSeries(LC.CandlestickSeries, {
      upColor: "#26a69a", downColor: "#ef5350", borderVisible: false,
      wickUpColor: "#26a69a", wickDownColor: "#ef5350",
    });
    candles.setData(data.chart.candles.map(function (c) {
      return { time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] };
    }));
    chart.timeScale().fitContent();
    return { chart: chart, candles: candles };
  }

  function createLineChart(id) {
    var chart = LC.createChart(document.getElementById(id), CHART_OPTIONS);
    return chart;
  }

  function addLine(chart, color, points, title) {
    var series = chart.addSeries(LC.LineSeries, {
      color: color, lineWidth: 2, title: title, priceLineVisible: false, lastValueVisible: false,
    });
    series.setData(lineData(points));
    return series;
  }

  function renderChartNote() {
    var chart = data.chart;
    var text = chart.aggregated
      ? chart.sourceCandles + " 1m candles in the range, more than " + chart.maxCandles +
        ", so the chart shows " + chart.candles.length + " " + chart.interval + " candles (markers sit on the candle that holds them)."
      : chart.candles.length + " " + chart.interval + " candles.";
    document.getElementById("chart-note").textContent = text + " Scroll to zoom, drag to pan.";
  }

  function renderCharts() {
    var price = createPriceChart();
    var equity = createLineChart("chart-equity");
    var drawdown = createLineChart("chart-drawdown");
    var legend = document.getElementById("legend-equity");
    if (data.buyAndHold.curve.length > 0) {
      addLine(equity, BENCHMARK_COLOR, data.buyAndHold.curve, "buy-and-hold");
      var benchmark = el("span");
      benchmark.appendChild(swatch(BENCHMARK_COLOR));
      benchmark.appendChild(el("span", "", "buy-and-hold"));
      legend.appendChild(benchmark);
    }
    var views = data.strategies.map(function (strategy) {
      var markers = strategy.markers.map(function (marker) {
        return markerOf(strategy, marker);
      });
      var item = el("span");
      item.appendChild(swatch(strategy.color));
      item.appendChild(el("span", "", strategy.name));
      legend.appendChild(item);
      return {
        name: strategy.name,
        markers: markers,
        plugin: LC.createSeriesMarkers(price.candles, markers),
        equity: addLine(equity, strategy.color, strategy.equity, ""),
        drawdown: addLine(drawdown, strategy.color, strategy.drawdown, ""),
        visible: true,
      };
    });
    equity.timeScale().fitContent();
    drawdown.timeScale().fitContent();
    return { charts: [price.chart, equity, drawdown], views: views };
  }

  function setVisible(view, visible) {
    view.visible = visible;
    view.plugin.setMarkers(visible ? view.markers : []);
    view.equity.applyOptions({ visible: visible });
    view.drawdown.applyOptions({ visible: visible });
    document.querySelectorAll("[data-strategy-index]").forEach(function (row) {
      if (data.strategies[Number(row.getAttribute("data-strategy-index"))].name === view.name) {
        row.classList.toggle("hidden-strategy", !visible);
      }
    });
  }

  function renderToggles(views) {
    var box = document.getElementById("toggles");
    views.forEach(function (view, index) {
      var label = el("label");
      var input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.setAttribute("data-toggle-index", String(index));
      input.addEventListener("change", function () {
        setVisible(view, input.checked);
      });
      label.appendChild(input);
      label.appendChild(swatch(data.strategies[index].color));
      label.appendChild(el("span", "", view.name));
      label.appendChild(el("span", "muted", "(" + data.strategies[index].trades.length + " trades)"));
      box.appendChild(label);
    });
  }

  function cells(row, values) {
    values.forEach(function (value) {
      var td = el("td", value.className || "", value.text);
      row.appendChild(td);
    });
  }

  function headerRow(table, labels) {
    var head = el("thead");
    var row = el("tr");
    labels.forEach(function (label) {
      row.appendChild(el("th", label.className || "", label.text));
    });
    head.appendChild(row);
    table.appendChild(head);
  }

  var METRIC_COLUMNS = [
    { text: "Total PnL", value: function (s) { return { text: percent(s.totalPnl, true), className: signClass(s.totalPnl) }; } },
    { text: "Avg PnL", value: function (s) { return { text: percent(s.avgPnl, true), className: signClass(s.avgPnl) }; } },
    { text: "Win rate", value: function (s) { return { text: percent(s.winRate, false) }; } },
    { text: "Sharpe", value: function (s) { return { text: fixed(s.sharpeRatio, 3) }; } },
    { text: "Max drawdown", value: function (s) { return { text: s.maxDrawdown === null ? "N/A" : percent(-s.maxDrawdown, false) }; } },
    { text: "Profit factor", value: function (s) { return { text: fixed(s.profitFactor, 3) }; } },
    { text: "Expectancy", value: function (s) { return { text: fixed(s.expectancy, 3) }; } },
    { text: "Exposure", value: function (s) { return { text: percent(s.exposure, false) }; } },
    { text: "Trades", value: function (s) { return { text: String(s.totalSignals) }; } },
    { text: "Avg hold (min)", value: function (s) { return { text: fixed(s.avgHoldMinutes, 1) }; } },
  ];

  var LUCK_COLUMNS = [
    { text: "Luck p-value", value: function (luck) { return { text: luck ? fixed(luck.pValue, 4) : "N/A", className: luck && !luck.beatsLuck ? "neg" : "" }; } },
    { text: "Percentile vs random", value: function (luck) { return { text: luck ? luck.percentile.toFixed(1) : "N/A" }; } },
  ];

  function renderMetrics() {
    var table = document.getElementById("metrics");
    var labels = [{ text: "Rank" }, { text: "Strategy", className: "text" }, { text: data.metric || "Metric" }];
    headerRow(table, labels.concat(METRIC_COLUMNS.concat(LUCK_COLUMNS).map(function (c) { return { text: c.text }; })));
    var body = el("tbody");
    var order = data.strategies.map(function (_, index) { return index; }).sort(function (a, b) {
      return data.strategies[a].rank - data.strategies[b].rank || a - b;
    });
    order.forEach(function (index) {
      var strategy = data.strategies[index];
      var row = el("tr");
      row.setAttribute("data-strategy-index", String(index));
      var rank = el("td", "", String(strategy.rank));
      if (strategy.tied) rank.appendChild(el("span", "tie", "tie"));
      row.appendChild(rank);
      var name = el("td", "text");
      name.appendChild(swatch(strategy.color));
      name.appendChild(document.createTextNode(" " + strategy.name));
      if (strategy.note) name.appendChild(el("div", "muted", strategy.note));
      row.appendChild(name);
      cells(row, [{ text: fixed(strategy.metricValue, 3) }]
        .concat(METRIC_COLUMNS.map(function (c) { return c.value(strategy.stats); }))
        .concat(LUCK_COLUMNS.map(function (c) { return c.value(strategy.luck); })));
      body.appendChild(row);
    });
    if (data.buyAndHold.stats) {
      var benchmark = el("tr", "benchmark");
      cells(benchmark, [{ text: "" }, { text: "buy-and-hold", className: "text" }, { text: "" }].concat(
        METRIC_COLUMNS.map(function (c) { return c.value(data.buyAndHold.stats); }),
        LUCK_COLUMNS.map(function () { return { text: "" }; })));
      body.appendChild(benchmark);
    }
    table.appendChild(body);
    var tied = data.strategies.some(function (s) { return s.tied; });
    document.getElementById("ranking-note").textContent =
      (tied ? "Strategies marked tie have equal " + (data.metric || "metric") + " and share a rank. " : "") +
      "Max drawdown: largest fall of the summed PnL from its peak. Profit factor: wins / losses. " +
      "Expectancy: average PnL / average loss. Exposure: share of the test range in a position. " +
      "Luck p-value: the share of random-entry simulations (same trades, random times) that did at least as well; above 0.05 the strategy is not distinguishable from luck.";
  }

  function renderTrades() {
    var table = document.getElementById("trades");
    headerRow(table, [
      { text: "Strategy", className: "text" }, { text: "#" }, { text: "Position" }, { text: "Open time" }, { text: "Close time" },
      { text: "Open" }, { text: "Close" }, { text: "PnL" }, { text: "Reason" }, { text: "Hold (min)" },
      { text: "Note", className: "text" }, { text: "Conversation", className: "text" },
    ]);
    var body = el("tbody");
    data.strategies.forEach(function (strategy, index) {
      strategy.trades.forEach(function (trade, number) {
        var row = el("tr");
        row.setAttribute("data-strategy-index", String(index));
        cells(row, [
          { text: strategy.name, className: "text" }, { text: String(number + 1) }, { text: trade.position },
          { text: iso(trade.openTime) }, { text: iso(trade.closeTime) }, { text: price(trade.priceOpen) },
          { text: price(trade.priceClose) }, { text: percent(trade.pnl, true), className: signClass(trade.pnl) },
          { text: trade.closeReason }, { text: fixed(trade.holdMinutes, 0) }, { text: trade.note || "", className: "text" },
        ]);
        var link = el("td", "text");
        if (trade.link) {
          var a = el("a", "", trade.id);
          a.href = trade.link;
          link.appendChild(a);
        } else {
          link.textContent = trade.id;
        }
        row.appendChild(link);
        body.appendChild(row);
      });
    });
    table.appendChild(body);
  }

  function renderFailed() {
    if (data.failed.length === 0) return;
    var box = document.getElementById("failed");
    box.appendChild(el("h2", "", "Failed strategies"));
    var list = el("ul");
    data.failed.forEach(function (failure) {
      list.appendChild(el("li", "", failure.name + ": " + failure.error));
    });
    box.appendChild(list);
  }

  renderHeader();
  renderVerdict();
  renderChartNote();
  var rendered = renderCharts();
  renderToggles(rendered.views);
  renderMetrics();
  renderFailed();

  window.backtestReport = {
    charts: rendered.charts,
    /** Per strategy: its name, whether it is shown, the markers it has on the price chart now. */
    state: function () {
      return rendered.views.map(function (view) {
        return {
          name: view.name,
          visible: view.visible,
          markers: view.plugin.markers().map(function (m) { return { time: m.time, shape: m.shape }; }),
          equityVisible: view.equity.options().visible,
          drawdownVisible: view.drawdown.options().visible,
        };
      });
    },
    paintedAt: null,
  };
  // The trade list (the longest part) is built once the charts have painted.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.backtestReport.paintedAt = performance.now();
      renderTrades();
      document.body.setAttribute("data-painted", "true");
    });
  });
})();
