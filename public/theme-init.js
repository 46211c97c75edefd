// Applies the analyst's saved colour theme before the first paint (see components/workspace/theme.ts).
/* global window, document */
(function () {
  try {
    var t = window.localStorage.getItem('dns-hunt-theme');
    if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
  } catch {
    // storage blocked: the system theme applies
  }
})();
