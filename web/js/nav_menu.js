// The top bar's grouped menus (index.html: <div class="nav-group"> = a disclosure <button> + a panel of
// links). Keyboard: Enter/Space/ArrowDown on the button opens and focuses the first entry, ArrowUp the last;
// in the panel ArrowDown/ArrowUp/Home/End move, Escape closes and returns focus to the button, Tab moves on
// (the menu closes once focus leaves its group). A click outside, or any navigation, closes every menu.
// syncNav() marks the active page and its group, and hides a group whose entries the role may not see.

function visibleLinks(group) {
  return [...group.querySelectorAll('.nav-menu a')].filter((a) => !a.hidden);
}

function setOpen(group, open) {
  const button = group.querySelector('.nav-menu-btn');
  group.querySelector('.nav-menu').hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  group.classList.toggle('open', open);
}

export function closeMenus(nav, except = null) {
  for (const g of nav.querySelectorAll('.nav-group.open')) {
    if (g !== except) setOpen(g, false);
  }
}

function openMenu(nav, group, focus) {
  closeMenus(nav, group);
  setOpen(group, true);
  const links = visibleLinks(group);
  if (focus === 'first' && links.length) links[0].focus();
  if (focus === 'last' && links.length) links[links.length - 1].focus();
}

// Marks the entry for `navKey` (aria-current) and the group holding it; hides empty groups; closes menus.
export function syncNav(nav, navKey) {
  for (const a of nav.querySelectorAll('a[data-nav]')) {
    const here = a.dataset.nav === navKey;
    a.classList.toggle('active', here);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const g of nav.querySelectorAll('.nav-group')) {
    g.hidden = visibleLinks(g).length === 0;
    g.querySelector('.nav-menu-btn').classList.toggle('active', !!g.querySelector('a.active:not([hidden])'));
  }
  closeMenus(nav);
}

export function initNav(nav) {
  for (const group of nav.querySelectorAll('.nav-group')) {
    const button = group.querySelector('.nav-menu-btn');
    const panel = group.querySelector('.nav-menu');
    button.addEventListener('click', () => {
      if (group.classList.contains('open')) setOpen(group, false);
      else openMenu(nav, group, null);
    });
    button.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        openMenu(nav, group, 'first');
      } else if (ev.key === 'ArrowUp') {
        ev.preventDefault();
        openMenu(nav, group, 'last');
      } else if (ev.key === 'Escape' && group.classList.contains('open')) {
        ev.preventDefault();
        setOpen(group, false);
      }
    });
    panel.addEventListener('keydown', (ev) => {
      const links = visibleLinks(group);
      const i = links.indexOf(document.activeElement);
      let next = null;
      if (ev.key === 'ArrowDown') next = links[(i + 1) % links.length];
      else if (ev.key === 'ArrowUp') next = links[(i - 1 + links.length) % links.length];
      else if (ev.key === 'Home') next = links[0];
      else if (ev.key === 'End') next = links[links.length - 1];
      else if (ev.key === 'Escape') {
        ev.preventDefault();
        setOpen(group, false);
        button.focus();
        return;
      }
      if (next) {
        ev.preventDefault();
        next.focus();
      }
    });
    // Choosing an entry closes the menu even when it is the page already shown (no navigation follows).
    panel.addEventListener('click', (ev) => {
      if (ev.target.closest('a[href]')) setOpen(group, false);
    });
    group.addEventListener('focusout', (ev) => {
      if (!group.contains(ev.relatedTarget) && ev.relatedTarget) setOpen(group, false);
    });
  }
  document.addEventListener('pointerdown', (ev) => {
    if (!ev.target.closest || !ev.target.closest('.nav-group.open')) closeMenus(nav);
  });
}
