// Live activity feed: one EventSource on /api/events for the whole app, fanned out to the views that
// subscribe. EventSource reconnects by itself and resends Last-Event-ID, so no activity is missed across
// a network blip; the indicator in the top bar shows whether the feed is connected.

let source = null;
const listeners = new Set();

function setIndicator(state) {
  const box = document.getElementById('live');
  if (!box) return;
  box.dataset.state = state;
  box.querySelector('.live-text').textContent =
      state === 'open' ? 'live' : state === 'connecting' ? 'connecting…' : 'offline';
}

export function start() {
  if (source) return;
  setIndicator('connecting');
  source = new EventSource('/api/events');
  source.addEventListener('open', () => setIndicator('open'));
  source.addEventListener('error', () => {
    setIndicator(source && source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  });
  source.addEventListener('activity', (ev) => {
    let activity;
    try {
      activity = JSON.parse(ev.data);
    } catch (e) {
      return;
    }
    for (const fn of listeners) {
      try {
        fn(activity);
      } catch (e) {
        console.error('live listener failed', e);
      }
    }
  });
}

export function stop() {
  if (source) source.close();
  source = null;
  setIndicator('closed');
}

// fn(activity) for every activity; returns the unsubscribe function.
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
