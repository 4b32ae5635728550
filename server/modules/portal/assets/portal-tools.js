// Progressive enhancement of the reading tools: the print button exists only where JavaScript runs
// (without it the browser's own print command uses the same print stylesheet).
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
