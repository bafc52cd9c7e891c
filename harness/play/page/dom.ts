/** el makes an element with a class (or none) and children; the page builds everything with it, never with innerHTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** fill replaces what the element with this id shows. */
export function fill(id: string, ...children: readonly (Node | string)[]): void {
  const node = document.getElementById(id);
  if (node) node.replaceChildren(...children);
}
