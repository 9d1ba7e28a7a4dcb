/*
 * The HTML report's page script. It reads the report data from the JSON script element
 * and builds the page with DOM calls: every text from the data goes in through
 * textContent (never innerHTML), links through the href property.
 * Charts are built when they come into view. It exposes window.backtestReport for tests
 * and benchmarks: the charts built, per strategy and section the markers it rendered and
 * whether its series are visible, and paintedAt (ms after navigation when the charts in
 * view had painted). body[data-painted] is set when all but the off-screen charts is
 * built; a chart's box gets data-created once its chart is.
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

  function append(parent, children) {
    children.forEach(function (child) {
      parent.appendChild(child);
    });
    return parent;
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

  function cells(row, values) {
    values.forEach(function (value) {
      row.appendChild(el("td", value.className || "", value.text));
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

  function rankCell(rank, tied) {
    var cell = el("td", "", String(rank));
    if (tied) cell.appendChild(el("span", "tie", "tie"));
    return cell;
  }

  function nameCell(name, color, note) {
    var cell = el("td", "text");
    cell.appendChild(swatch(color));
    cell.appendChild(document.createTextNode(" " + name));
    if (note) cell.appendChild(el("div", "muted", note));
    return cell;
  }

  function renderHeader() {
    document.title = data.title;
    document.getElementById("title").textContent = data.title;
    var first = data.sections[0];
    var parts = ["Symbol " + data.symbol];
    if (data.sections.length === 1) {
      parts.push("exchange " + first.exchangeName, "frame " + first.frameName,
        "test range " + iso(first.range.start) + " to " + iso(first.range.end), "ranked by " + first.metric,
        "prompt mode " + first.promptMode);
    } else {
      parts.push(data.sections.length + " test windows", "each ranked by " + first.metric, "best chosen on the out-of-sample total PnL",
        "prompt mode " + first.promptMode);
    }
    document.getElementById("meta").textContent = parts.join(" · ");
  }

  // ---- portfolio heatmap ----------------------------------------------------------------

  /** The strategy's heatmap across symbols (a backtest report of a strategy that ran on several). */
  function renderHeat() {
    var heat = data.heat;
    if (!heat) return;
    var box = document.getElementById("heat");
    box.hidden = false;
    box.appendChild(el("h2", "", "Portfolio heatmap: " + heat.totalSymbols + " symbols, best Sharpe ratio first"));
    box.appendChild(el("p", "muted", "Portfolio PnL " + percent(heat.portfolioTotalPnl, true) + " · Sharpe " + fixed(heat.portfolioSharpeRatio, 3) +
      " · " + heat.portfolioTotalTrades + " trades"));
    var table = el("table", "heatmap");
    headerRow(table, [{ text: "Symbol", className: "text" }, { text: "Total PnL" }, { text: "Sharpe" }, { text: "Win rate" },
      { text: "Max drawdown" }, { text: "Profit factor" }, { text: "Trades" }]);
    var body = el("tbody");
    heat.symbols.forEach(function (row) {
      var tr = el("tr");
      cells(tr, [
        { text: row.symbol, className: "text" },
        { text: percent(row.totalPnl, true), className: signClass(row.totalPnl) },
        { text: fixed(row.sharpeRatio, 3) },
        { text: percent(row.winRate, false) },
        { text: percent(row.maxDrawdown === null ? null : -row.maxDrawdown, true) },
        { text: fixed(row.profitFactor, 3) },
        { text: String(row.totalTrades) },
      ]);
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
  }

  // ---- walk-forward totals -------------------------------------------------------------

  /** The plain-words verdict at the top of the page: bad news first, as a warning. */
  function renderTopVerdict() {
    var verdict = document.getElementById("verdict");
    data.verdict.forEach(function (sentence) {
      var line = el("p", sentence.uncomfortable ? "warn" : "", sentence.text);
      line.setAttribute("data-verdict", sentence.uncomfortable ? "uncomfortable" : "plain");
      verdict.appendChild(line);
    });
    verdict.hidden = data.verdict.length === 0 && data.walkForward === null;
  }

  function renderWalkForward() {
    var walkForward = data.walkForward;
    if (walkForward === null) {
      return;
    }
    var box = document.getElementById("walk-forward");
    box.hidden = false;
    box.appendChild(el("h2", "", "Out-of-sample total over " + walkForward.windows.length + " windows"));
    var verdict = document.getElementById("verdict");
    verdict.appendChild(el("p", "", walkForward.best === null
      ? "No strategy has a complete out-of-sample total."
      : "Best strategy on the out-of-sample total: " + walkForward.best));
    if (walkForward.tieBroken) verdict.appendChild(el("p", "warn", walkForward.tieBroken));
    renderOdds(walkForward.odds, verdict);
    var table = el("table", "walk-forward-totals");
    headerRow(table, [{ text: "Rank" }, { text: "Strategy", className: "text" }]
      .concat(walkForward.windows.map(function (_, index) { return { text: "Window " + (index + 1) + " PnL" }; }))
      .concat([{ text: "Total PnL" }, { text: "Trades" }]));
    var body = el("tbody");
    var colors = {};
    data.strategies.forEach(function (strategy) { colors[strategy.name] = strategy.color; });
    walkForward.totals.slice().sort(function (a, b) { return a.rank - b.rank; }).forEach(function (total) {
      var row = el("tr");
      row.setAttribute("data-strategy", total.name);
      row.appendChild(rankCell(total.rank, total.tied));
      row.appendChild(nameCell(total.name, colors[total.name] || BENCHMARK_COLOR, null));
      cells(row, total.windowPnl.map(function (pnl) { return { text: percent(pnl, true), className: signClass(pnl) }; })
        .concat([{ text: percent(total.totalPnl, true), className: signClass(total.totalPnl) }, { text: String(total.totalSignals) }]));
      body.appendChild(row);
    });
    var benchmark = el("tr", "benchmark");
    cells(benchmark, [{ text: "" }, { text: "buy-and-hold", className: "text" }]
      .concat(walkForward.buyAndHold.windowPnl.map(function (pnl) { return { text: percent(pnl, true) }; }))
      .concat([{ text: percent(walkForward.buyAndHold.totalPnl, true) }, { text: "" }]));
    body.appendChild(benchmark);
    table.appendChild(body);
    box.appendChild(append(el("div", "table-wrap"), [table]));
  }

  // ---- the odds that the pick is luck, and what it survives -----------------------------

  function renderOdds(odds, box) {
    if (!odds) return;
    odds.lines.forEach(function (line) {
      var p = el("p", odds.pbo !== null && odds.pbo > 0.5 ? "warn" : "", line);
      p.setAttribute("data-odds", "");
      box.appendChild(p);
    });
  }

  function renderCostStress(stress, box) {
    if (!stress) return;
    box.appendChild(el("h3", "", "Cost stress test: fees and slippage x1, x2, x3"));
    box.appendChild(el("p", stress.scenarios.every(function (s) { return s.pickStaysBest && s.pickProfitable; }) ? "" : "warn", stress.verdict));
    var table = el("table", "cost-stress");
    var multiples = stress.scenarios.map(function (s) { return s.multiplier + "x"; });
    headerRow(table, [{ text: "Strategy", className: "text" }]
      .concat(multiples.map(function (m) { return { text: "Total PnL " + m }; })));
    var body = el("tbody");
    stress.strategies.forEach(function (strategy) {
      var row = el("tr");
      row.setAttribute("data-strategy", strategy.strategyName);
      cells(row, [{ text: strategy.strategyName + (strategy.strategyName === stress.pick ? " (pick)" : ""), className: "text" }]
        .concat(strategy.totalPnl.map(function (pnl) { return { text: percent(pnl, true), className: signClass(pnl) }; })));
      body.appendChild(row);
    });
    var best = el("tr", "benchmark");
    cells(best, [{ text: "best at these costs", className: "text" }]
      .concat(stress.scenarios.map(function (s) { return { text: s.bestStrategy === null ? "N/A" : s.bestStrategy }; })));
    body.appendChild(best);
    table.appendChild(body);
    box.appendChild(append(el("div", "table-wrap"), [table]));
  }

  // ---- what it cost ---------------------------------------------------------------------

  var LLM_USAGE_COLUMNS = [
    ["Sent", "sent"], ["Retries", "retries"], ["Cached", "cached"], ["Shared", "shared"],
    ["Speculative", "speculative"], ["Wasted", "wasted"], ["Prompt tokens", "promptTokens"], ["Completion tokens", "completionTokens"],
  ];

  /** The model calls of the run: a row per model and the total, and the summary sentence. */
  function renderLlmUsage() {
    var usage = data.llmUsage;
    if (!usage) return;
    var box = document.getElementById("llm-usage");
    box.hidden = false;
    box.appendChild(el("h2", "", "What it cost"));
    var table = el("table", "llm-usage");
    headerRow(table, [{ text: "Model", className: "text" }]
      .concat(LLM_USAGE_COLUMNS.map(function (column) { return { text: column[0] }; }))
      .concat([{ text: "Cost (USD)" }]));
    var body = el("tbody");
    usage.rows.forEach(function (row) {
      var line = el("tr");
      line.setAttribute("data-llm-model", row.name);
      cells(line, [{ text: row.name, className: "text" }]
        .concat(LLM_USAGE_COLUMNS.map(function (column) { return { text: row[column[1]].toLocaleString("en-US") }; }))
        .concat([{ text: row.cost }]));
      body.appendChild(line);
    });
    table.appendChild(body);
    box.appendChild(append(el("div", "table-wrap"), [table]));
    box.appendChild(el("p", "muted", usage.summary + ". Tokens as the endpoints reported them, for requests sent (a cached or shared answer costs nothing); prices in USD per million tokens (CC_LLM_PRICES)."));
  }

  // ---- one section (a test range) ------------------------------------------------------

  function renderSectionVerdict(section, box) {
    if (data.kind !== "backtest") {
      box.appendChild(el("p", "", section.best === null ? "No strategy has a " + section.metric + "." : "Best strategy: " + section.best));
      if (section.tieBroken) box.appendChild(el("p", "warn", section.tieBroken));
    }
    if (section.buyAndHold.stats) {
      box.appendChild(el("p", "muted", "Buy-and-hold over the test range: " + percent(section.buyAndHold.stats.totalPnl, true) + " (same fees and slippage)."));
    }
    section.strategies.forEach(function (strategy) {
      var line = el("p", strategy.luck && !strategy.luck.beatsLuck ? "warn" : "");
      line.setAttribute("data-luck", strategy.name);
      line.textContent = strategy.name + ": " + (strategy.luck ? strategy.luck.verdict : "no luck test (no trades, or the test is off)");
      box.appendChild(line);
    });
    renderOdds(section.odds, box);
  }

  function chartNote(chart) {
    return chart.aggregated
      ? chart.sourceCandles + " 1m candles in the range, more than " + chart.maxCandles +
        ", so the chart shows " + chart.candles.length + " " + chart.interval + " candles (markers sit on the candle that holds them)."
      : chart.candles.length + " " + chart.interval + " candles.";
  }

  function lineData(points) {
    return points.map(function (point) {
      return { time: point[0], value: point[1] };
    });
  }

  function markerOf(strategy, marker) {
    if (marker.kind === "refused") {
      return { id: "refused", time: marker.time, position: "aboveBar", shape: "square", color: "#9e9e9e", text: "risk: " + marker.reason };
    }
    if (marker.kind === "milestone") {
      var profit = marker.action === "profit";
      return {
        id: "milestone",
        time: marker.time,
        position: profit ? "aboveBar" : "belowBar",
        shape: "circle",
        color: strategy.color,
        size: 0.4,
        text: (profit ? "+" : "-") + marker.level + "%",
      };
    }
    var trade = strategy.trades[marker.trade];
    if (marker.kind === "entry") {
      var long = trade.position === "long";
      return {
        id: "entry",
        time: marker.time,
        position: long ? "belowBar" : "aboveBar",
        shape: long ? "arrowUp" : "arrowDown",
        color: strategy.color,
      };
    }
    return { id: "exit", time: marker.time, position: "inBar", shape: "circle", color: strategy.color, size: 0.6 };
  }

  function legendItem(color, text) {
    return append(el("span"), [swatch(color), el("span", "", text)]);
  }

  function addLine(chart, color, points, title) {
    var series = chart.addSeries(LC.LineSeries, {
      color: color, lineWidth: 2, title: title, priceLineVisible: false, lastValueVisible: false,
    });
    series.setData(lineData(points));
    return series;
  }

  function chartBox(kind, small) {
    var box = el("div", small ? "chart small" : "chart");
    box.setAttribute("data-chart", kind);
    return box;
  }


  var charts = [];

  /** Builds `create()` into `box` now when the box is in or near the viewport, else when it scrolls near. */
  function createWhenVisible(box, create) {
    var build = function () {
      charts.push(create());
      box.setAttribute("data-created", "true");
    };
    var rect = box.getBoundingClientRect();
    if (rect.top < window.innerHeight + 200 && rect.bottom > -200) {
      build();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        build();
      }
    }, { rootMargin: "200px" });
    observer.observe(box);
  }

  /**
   * A section's three charts, each built when it comes into view (a long report paints
   * what is on screen first), and one view per strategy holding its markers and lines.
   */
  function renderCharts(section, boxes) {
    var views = section.strategies.map(function (strategy) {
      boxes.legend.appendChild(legendItem(strategy.color, strategy.name));
      return {
        name: strategy.name,
        strategy: strategy,
        markers: strategy.markers.map(function (marker) {
          return markerOf(strategy, marker);
        }),
        plugin: null,
        equity: null,
        drawdown: null,
        visible: true,
      };
    });
    if (section.buyAndHold.curve.length > 0) {
      boxes.legend.insertBefore(legendItem(BENCHMARK_COLOR, "buy-and-hold"), boxes.legend.firstChild);
    }
    createWhenVisible(boxes.price, function () {
      var chart = LC.createChart(boxes.price, CHART_OPTIONS);
      var candles = chart.addSeries(LC.CandlestickSeries, {
        upColor: "#26a69a", downColor: "#ef5350", borderVisible: false, wickUpColor: "#26a69a", wickDownColor: "#ef5350",
      });
      candles.setData(section.chart.candles.map(function (c) {
        return { time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] };
      }));
      views.forEach(function (view) {
        view.plugin = LC.createSeriesMarkers(candles, view.visible ? view.markers : []);
      });
      chart.timeScale().fitContent();
      return chart;
    });
    createWhenVisible(boxes.equity, function () {
      var chart = LC.createChart(boxes.equity, CHART_OPTIONS);
      if (section.buyAndHold.curve.length > 0) addLine(chart, BENCHMARK_COLOR, section.buyAndHold.curve, "buy-and-hold");
      views.forEach(function (view) {
        view.equity = addLine(chart, view.strategy.color, view.strategy.equity, "");
        view.equity.applyOptions({ visible: view.visible });
      });
      chart.timeScale().fitContent();
      return chart;
    });
    createWhenVisible(boxes.drawdown, function () {
      var chart = LC.createChart(boxes.drawdown, CHART_OPTIONS);
      views.forEach(function (view) {
        view.drawdown = addLine(chart, view.strategy.color, view.strategy.drawdown, "");
        view.drawdown.applyOptions({ visible: view.visible });
      });
      chart.timeScale().fitContent();
      return chart;
    });
    return { views: views };
  }

  // The key columns first (total PnL, luck p-value, trades), so they stay in view at 1280 px.
  var METRIC_COLUMNS = [
    { text: "Total PnL", value: function (s) { return { text: percent(s.totalPnl, true), className: signClass(s.totalPnl) }; } },
    { text: "Luck p-value", luck: true, value: function (luck) { return { text: luck ? fixed(luck.pValue, 4) : "N/A", className: luck && !luck.beatsLuck ? "neg" : "" }; } },
    { text: "Trades", value: function (s) { return { text: String(s.totalSignals) }; } },
    { text: "Win rate", value: function (s) { return { text: percent(s.winRate, false) }; } },
    { text: "Sharpe", value: function (s) { return { text: fixed(s.sharpeRatio, 3) }; } },
    { text: "Ann. Sharpe", value: function (s) { return { text: fixed(s.annualizedSharpeRatio, 3) }; } },
    { text: "Ann. Sortino", value: function (s) { return { text: fixed(s.annualizedSortinoRatio, 3) }; } },
    { text: "Calmar", value: function (s) { return { text: fixed(s.calmarRatio, 3) }; } },
    { text: "Max drawdown", value: function (s) { return { text: s.maxDrawdown === null ? "N/A" : percent(-s.maxDrawdown, false) }; } },
    { text: "Avg PnL", value: function (s) { return { text: percent(s.avgPnl, true), className: signClass(s.avgPnl) }; } },
    { text: "Profit factor", value: function (s) { return { text: fixed(s.profitFactor, 3) }; } },
    { text: "Expectancy", value: function (s) { return { text: fixed(s.expectancy, 3) }; } },
    { text: "Exposure", value: function (s) { return { text: percent(s.exposure, false) }; } },
    { text: "Avg hold (min)", value: function (s) { return { text: fixed(s.avgHoldMinutes, 1) }; } },
    { text: "Percentile vs random", luck: true, value: function (luck) { return { text: luck ? luck.percentile.toFixed(1) : "N/A" }; } },
  ];

  /** One strategy's cells of METRIC_COLUMNS (the luck columns read its luck test). */
  function metricCells(stats, luck) {
    return METRIC_COLUMNS.map(function (c) { return c.luck ? c.value(luck) : c.value(stats); });
  }

  /** The buy-and-hold row's cells: its figures, blank where a luck test would be. */
  function benchmarkCells(stats) {
    return METRIC_COLUMNS.map(function (c) { return c.luck ? { text: "" } : c.value(stats); });
  }

  function renderMetrics(section, table, note) {
    var labels = [{ text: "Rank" }, { text: "Strategy", className: "text" }, { text: section.metric }];
    headerRow(table, labels.concat(METRIC_COLUMNS.map(function (c) { return { text: c.text }; })));
    var body = el("tbody");
    section.strategies.slice().sort(function (a, b) { return a.rank - b.rank; }).forEach(function (strategy) {
      var row = el("tr");
      row.setAttribute("data-strategy", strategy.name);
      row.appendChild(rankCell(strategy.rank, strategy.tied));
      row.appendChild(nameCell(strategy.name, strategy.color, strategy.note));
      cells(row, [{ text: fixed(strategy.metricValue, 3) }].concat(metricCells(strategy.stats, strategy.luck)));
      body.appendChild(row);
    });
    if (section.buyAndHold.stats) {
      var benchmark = el("tr", "benchmark");
      cells(benchmark, [{ text: "" }, { text: "buy-and-hold", className: "text" }, { text: "" }].concat(benchmarkCells(section.buyAndHold.stats)));
      body.appendChild(benchmark);
    }
    table.appendChild(body);
    var tied = section.strategies.some(function (s) { return s.tied; });
    note.textContent =
      (tied ? "Strategies marked tie have equal " + section.metric + " and share a rank. " : "") +
      "Ann. Sharpe and Ann. Sortino: per-trade ratios times the square root of trades per year; Calmar: PnL per year / max drawdown " +
      "(N/A on a test range too short to annualise). " +
      "Max drawdown: largest fall of the summed PnL from its peak. Profit factor: wins / losses. " +
      "Expectancy: average PnL / average loss. Exposure: share of the test range in a position. " +
      "Luck p-value: the share of random-entry simulations (same trades, random times) that did at least as well; " +
      "above 0.05 the strategy is not distinguishable from luck.";
  }

  function renderTrades(section, table) {
    headerRow(table, [
      { text: "Strategy", className: "text" }, { text: "#" }, { text: "Position" }, { text: "Open time" }, { text: "Close time" },
      { text: "Open" }, { text: "Close" }, { text: "PnL" }, { text: "Reason" }, { text: "Hold (min)" },
      { text: "Note", className: "text" }, { text: "Conversation", className: "text" },
    ]);
    var body = el("tbody");
    section.strategies.forEach(function (strategy) {
      strategy.trades.forEach(function (trade, number) {
        var row = el("tr");
        row.setAttribute("data-strategy", strategy.name);
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

  function renderFailed(section, box) {
    if (section.failed.length === 0) return;
    box.appendChild(el("h3", "", "Failed strategies"));
    box.appendChild(append(el("ul"), section.failed.map(function (failure) {
      return el("li", "", failure.name + ": " + failure.error);
    })));
  }

  /** Builds one section's DOM and charts; its trade list is built later (see below). */
  function renderSection(section, index) {
    var box = el("section", "report-section");
    box.setAttribute("data-section", String(index));
    if (section.heading) {
      box.appendChild(el("h2", "window", section.heading));
      box.appendChild(el("div", "muted", "Exchange " + section.exchangeName + " · frame " + section.frameName +
        " · " + iso(section.range.start) + " to " + iso(section.range.end)));
    }
    var verdict = el("div", "verdict section-verdict");
    renderSectionVerdict(section, verdict);
    var boxes = {
      price: chartBox("price", false), equity: chartBox("equity", true), drawdown: chartBox("drawdown", true),
      legend: el("div", "legend"),
    };
    var metrics = el("table", "metrics");
    var metricsNote = el("div", "muted");
    var trades = el("table", "trades");
    var failed = el("div");
    var stress = el("div");
    append(box, [
      verdict,
      el("h3", "", "Price and trades"), el("div", "muted", chartNote(section.chart)), boxes.price,
      el("h3", "", "Equity: summed trade PnL (%) against buy-and-hold"), boxes.legend, boxes.equity,
      el("h3", "", "Drawdown from the running peak (percentage points)"), boxes.drawdown,
      el("h3", "", "Ranking and metrics"), append(el("div", "table-wrap"), [metrics]), metricsNote, stress,
      el("h3", "", "Trades"), append(el("div", "table-wrap"), [trades]),
      failed,
    ]);
    document.getElementById("sections").appendChild(box);
    var rendered = renderCharts(section, boxes);
    renderMetrics(section, metrics, metricsNote);
    renderFailed(section, failed);
    renderCostStress(section.costStress, stress);
    rendered.buildTrades = function () {
      renderTrades(section, trades);
    };
    rendered.views.forEach(function (view) {
      view.section = index;
    });
    return rendered;
  }

  // ---- toggles -------------------------------------------------------------------------

  function setVisible(views, name, visible) {
    views.forEach(function (view) {
      if (view.name !== name) return;
      view.visible = visible;
      if (view.plugin) view.plugin.setMarkers(visible ? view.markers : []);
      if (view.equity) view.equity.applyOptions({ visible: visible });
      if (view.drawdown) view.drawdown.applyOptions({ visible: visible });
    });
    document.querySelectorAll("[data-strategy]").forEach(function (row) {
      if (row.getAttribute("data-strategy") === name) row.classList.toggle("hidden-strategy", !visible);
    });
  }

  function renderToggles(views) {
    var box = document.getElementById("toggles");
    data.strategies.forEach(function (strategy, index) {
      var trades = 0;
      data.sections.forEach(function (section) {
        section.strategies.forEach(function (s) {
          if (s.name === strategy.name) trades += s.trades.length;
        });
      });
      var input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.setAttribute("data-toggle-index", String(index));
      input.addEventListener("change", function () {
        setVisible(views, strategy.name, input.checked);
      });
      box.appendChild(append(el("label"), [input, swatch(strategy.color), el("span", "", strategy.name), el("span", "muted", "(" + trades + " trades)")]));
    });
  }

  renderHeader();
  renderTopVerdict();
  renderWalkForward();
  renderLlmUsage();
  renderHeat();
  var sections = data.sections.map(renderSection);
  var views = [].concat.apply([], sections.map(function (section) { return section.views; }));
  renderToggles(views);

  window.backtestReport = {
    /** The charts built so far, in the order they were built. */
    charts: charts,
    /**
     * Per strategy and section: its name, whether it is shown, the markers it has on the
     * price chart now (kind: entry, exit, milestone or refused) and whether its lines are
     * visible (null for a chart not built yet).
     */
    state: function () {
      return views.map(function (view) {
        return {
          section: view.section,
          name: view.name,
          visible: view.visible,
          markers: view.plugin ? view.plugin.markers().map(function (m) { return { time: m.time, shape: m.shape, kind: m.id }; }) : null,
          equityVisible: view.equity ? view.equity.options().visible : null,
          drawdownVisible: view.drawdown ? view.drawdown.options().visible : null,
        };
      });
    },
    paintedAt: null,
  };
  // The trade lists (the longest part) are built once the charts have painted.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.backtestReport.paintedAt = performance.now();
      sections.forEach(function (section) {
        section.buildTrades();
      });
      document.body.setAttribute("data-painted", "true");
    });
  });
})();
