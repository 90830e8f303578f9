/**
 * Rendering helpers for component tests under happy-dom. The Polaris `s-*` web components are
 * provided by the checkout host, not by any package, so minimal stand-ins declare the state
 * properties the extension reads (`values`, `checked`, `value`): Preact then sets those as
 * properties, as it does on the real elements. Their rendering is not simulated.
 */
import { render, type ComponentChild } from "preact";
import { act } from "preact/test-utils";

const STAND_INS: Record<string, Record<string, unknown>> = {
  "s-choice-list": { values: [], disabled: false },
  "s-checkbox": { checked: false, disabled: false },
  "s-text-area": { value: "", disabled: false },
  "s-button": { disabled: false, loading: false },
};

export function defineComponentStandIns(): void {
  for (const [tag, props] of Object.entries(STAND_INS)) {
    if (customElements.get(tag)) continue;
    customElements.define(
      tag,
      class extends HTMLElement {
        constructor() {
          super();
          Object.assign(this, structuredClone(props));
        }
      },
    );
  }
}

/** Lets pending promises (metafield writes, storage, fetch) settle inside `act`. */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

export interface Mounted {
  root: HTMLElement;
  unmount(): Promise<void>;
}

export async function mount(vnode: ComponentChild): Promise<Mounted> {
  defineComponentStandIns();
  const root = document.createElement("div");
  document.body.append(root);
  await act(() => {
    render(vnode, root);
  });
  await flush();
  return {
    root,
    async unmount() {
      await act(() => {
        render(null, root);
      });
      root.remove();
    },
  };
}

export function field<Tag extends "s-choice-list" | "s-checkbox" | "s-text-area">(
  root: ParentNode,
  tag: Tag,
  name: string,
): HTMLElementTagNameMap[Tag] | null {
  return root.querySelector(`${tag}[name="${name}"]`) as HTMLElementTagNameMap[Tag] | null;
}

function required<T>(element: T | null, what: string): T {
  if (!element) throw new Error(`${what} is not rendered`);
  return element;
}

/** Picks an option the way the host does: sets `values`, then fires `change`. */
export async function choose(root: ParentNode, name: string, value: string): Promise<void> {
  const list = required(field(root, "s-choice-list", name), `choice list "${name}"`);
  await act(() => {
    list.values = [value];
    list.dispatchEvent(new Event("change"));
  });
  await flush();
}

export async function tick(root: ParentNode, name: string, checked: boolean): Promise<void> {
  const box = required(field(root, "s-checkbox", name), `checkbox "${name}"`);
  await act(() => {
    box.checked = checked;
    box.dispatchEvent(new Event("change"));
  });
  await flush();
}

/** Types into a text area (`input` per edit) and commits it (`change`, on blur in the host). */
export async function typeText(root: ParentNode, name: string, text: string): Promise<void> {
  const area = required(field(root, "s-text-area", name), `text area "${name}"`);
  await act(() => {
    area.value = text;
    area.dispatchEvent(new Event("input"));
  });
  await act(() => {
    area.dispatchEvent(new Event("change"));
  });
  await flush();
}

export async function click(element: Pick<EventTarget, "dispatchEvent"> | null): Promise<void> {
  const target = required(element, "clickable element");
  await act(() => {
    target.dispatchEvent(new Event("click"));
  });
  await flush();
}
