// Mobilité: new offers matching the search appear while the page is open (Server-Sent Events).
// The page works the same without this script; it only adds the live notice.
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box || !window.EventSource) { return; }
  var params = box.getAttribute("data-params") || "";
  var url = "/offres/direct?after=" + encodeURIComponent(box.getAttribute("data-after") || "0") + (params ? "&" + params : "");
  var list = document.getElementById("offers");
  var count = 0;
  var source = null;
  function connect() {
    source = new EventSource(url);
    source.addEventListener("offer", onOffer);
  }
  // A page kept in the back/forward cache must not hold a connection to the site.
  window.addEventListener("pagehide", function () { if (source) { source.close(); source = null; } });
  window.addEventListener("pageshow", function (ev) { if (ev.persisted && !source) { connect(); } });
  function onOffer(ev) {
    var o;
    try { o = JSON.parse(ev.data); } catch (e) { return; }
    count += 1;
    box.hidden = false;
    box.textContent = box.getAttribute("data-label").replace("{count}", String(count));
    if (!list) { return; }
    var li = document.createElement("li");
    li.className = "offer-card new";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = o.url;
    a.textContent = o.title;
    h.appendChild(a);
    var p = document.createElement("p");
    p.className = "meta";
    p.textContent = o.organization + (o.place ? " · " + o.place : "");
    li.appendChild(h);
    li.appendChild(p);
    list.insertBefore(li, list.firstChild);
  }
  connect();
})();
