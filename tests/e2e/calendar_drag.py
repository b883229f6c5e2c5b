"""Drag EventCalendar events in a real browser, with the mouse or a finger, for the calendar's browser tests.

EventCalendar listens to pointer events, so a test has to move a real pointer: Playwright's mouse
for a desk PC, and CDP touch events (what Chromium gets from a tablet's screen) for a long press
and a drag. The target pixel comes from the calendar's own DOM (`slot_point`): the column whose
header reads `column` (a clinician in a resource view, a day in a week view) and the height of
`time` on the time grid.

Every drag grabs the event `GRAB_INSET_PX` below its top edge and lets go `GRAB_INSET_PX` below the
target slot's top line, so the event's start lands on that slot.
"""

from __future__ import annotations

from playwright.sync_api import CDPSession, Locator, Page

GRAB_INSET_PX = 6  # well inside the first slot, and far from the resize handle at the bottom
MOVE_STEPS = 12  # EventCalendar starts a drag only after the pointer has travelled a few pixels
TOUCH_HOLD_MS = 700  # past the harness' longPressDelay (300 ms) with room for a slow CI machine

# The pixel of a time on the grid, read from the DOM: the body's day cell gives the top (= the first
# slot label's time) and the label height gives pixels per minute.
_SLOT_POINT_JS = """
([time, column]) => {
  const minutes = (text) => { const [h, m] = text.split(':').map(Number); return h * 60 + m; };
  const heads = [...document.querySelectorAll('.ec-header .ec-col-head')];
  const index = heads.findIndex((head) => head.textContent.trim() === column);
  if (index < 0) return {error: `no column ${column}; columns: ${heads.map((h) => h.textContent.trim())}`};
  const labels = [...document.querySelectorAll('.ec-body .ec-sidebar .ec-slot time')];
  if (labels.length < 2) return {error: 'not a time-grid view'};
  const first = minutes(labels[0].getAttribute('datetime').slice(11, 16));
  const second = minutes(labels[1].getAttribute('datetime').slice(11, 16));
  const perMinute = labels[0].parentElement.getBoundingClientRect().height / (second - first);
  const head = heads[index].getBoundingClientRect();
  const day = document.querySelector('.ec-body .ec-day').getBoundingClientRect();
  return {x: head.left + head.width / 2, y: day.top + (minutes(time) - first) * perMinute};
}
"""


_COLUMN_AT_JS = """
(x) => {
  const head = [...document.querySelectorAll('.ec-header .ec-col-head')].find((h) => {
    const box = h.getBoundingClientRect();
    return box.left <= x && x < box.right;
  });
  return head ? head.textContent.trim() : null;
}
"""


def slot_point(page: Page, *, time: str, column: str) -> tuple[float, float]:
    """The viewport pixel where an event dropped by these helpers starts at `time` ('HH:MM') in `column`.

    Scrolls the page first when that pixel is outside the window.
    """
    x, y = _grid_point(page, time=time, column=column)
    height = page.viewport_size['height'] if page.viewport_size else 768
    if not GRAB_INSET_PX <= y <= height - GRAB_INSET_PX:
        page.evaluate('(dy) => window.scrollBy(0, dy)', y - height / 2)
        x, y = _grid_point(page, time=time, column=column)
    return x, y + GRAB_INSET_PX


def grab_point(source: Locator) -> tuple[float, float]:
    """Where the helpers take hold of an event: the middle of its width, just below its top edge."""
    box = source.bounding_box()
    if box is None:
        raise AssertionError(f'{source} is not visible, so it cannot be dragged')
    return box['x'] + box['width'] / 2, box['y'] + GRAB_INSET_PX


def mouse_drag(page: Page, source: Locator, target_x: float, target_y: float) -> None:
    """Press on `source`, move in small steps to the target pixel and release, as a mouse user does."""
    start_x, start_y = grab_point(source)
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(target_x, target_y, steps=MOVE_STEPS)
    page.mouse.up()


def touch_drag(page: Page, source: Locator, target_x: float, target_y: float, *, hold_ms: int = TOUCH_HOLD_MS) -> None:
    """Long-press `source` with one finger, slide to the target pixel and lift, as on a tablet.

    Needs a context with `has_touch=True`; the touches go through CDP because Playwright's
    touchscreen only taps.
    """
    start_x, start_y = grab_point(source)
    cdp = page.context.new_cdp_session(page)
    try:
        _touch(cdp, 'touchStart', start_x, start_y)
        page.wait_for_timeout(hold_ms)
        for step in range(1, MOVE_STEPS + 1):
            done = step / MOVE_STEPS
            _touch(cdp, 'touchMove', start_x + (target_x - start_x) * done, start_y + (target_y - start_y) * done)
            page.wait_for_timeout(16)  # one frame between moves, like a finger
        cdp.send('Input.dispatchTouchEvent', {'type': 'touchEnd', 'touchPoints': []})
    finally:
        cdp.detach()


def column_of(page: Page, event: Locator) -> str | None:
    """The header text of the column an event is shown in (a clinician, or a day), None when outside."""
    box = event.bounding_box()
    if box is None:
        return None
    return page.evaluate(_COLUMN_AT_JS, box['x'] + box['width'] / 2)


def _touch(cdp: CDPSession, kind: str, x: float, y: float) -> None:
    cdp.send('Input.dispatchTouchEvent', {'type': kind, 'touchPoints': [{'x': x, 'y': y}]})


def _grid_point(page: Page, *, time: str, column: str) -> tuple[float, float]:
    point = page.evaluate(_SLOT_POINT_JS, [time, column])
    if 'error' in point:
        raise AssertionError(point['error'])
    return point['x'], point['y']
