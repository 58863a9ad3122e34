// The live lab board's only script (served by the board itself; the page's CSP allows nothing else).
// The server renders and escapes every fragment; this file only swaps it in when the event stream sends one.
'use strict';
(function () {
  var live = document.getElementById('live');
  var board = document.getElementById('board');
  var source = new EventSource('/events');
  // The words come from the page, in the board's language.
  live.textContent = live.getAttribute('data-connecting') || 'connecting…';
  source.addEventListener('open', function () {
    live.textContent = live.getAttribute('data-live') || 'live';
    live.className = 'live on';
  });
  source.addEventListener('error', function () {
    // EventSource reconnects by itself (the stream asks for a 1 s retry); a board restart loses nothing.
    live.textContent = live.getAttribute('data-reconnecting') || 'reconnecting…';
    live.className = 'live off';
  });
  source.addEventListener('board', function (event) {
    board.innerHTML = JSON.parse(event.data).html;
    board.setAttribute('data-updated', String(Date.now()));
  });
})();
