/**
 * @module The script that reads a page the way a person sees it: text of rendered, visible elements
 * only, plus the form fields and buttons a model needs to name in `fill_field`, `click` and
 * `submit_form`. Hidden text (display:none, visibility:hidden, opacity 0, off-screen, zero-size clipped,
 * tiny or transparent type) is a classic place to hide instructions for a model, so it is left out.
 *
 * It is JavaScript source rather than a TypeScript function: it runs inside Chromium, where the
 * project's DOM-less type setting cannot describe it and a transpiler helper would not exist. Its
 * result is untrusted page output and is parsed with zod by `page-snapshot.ts`.
 */

/** Call as `(${READ_PAGE_SCRIPT})({ maxChars, maxFields, maxNodes, maxDepth })`. */
export const READ_PAGE_SCRIPT = String.raw`({ maxChars, maxFields, maxNodes, maxDepth }) => {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "IFRAME", "FRAME", "OBJECT", "EMBED", "CANVAS", "SVG", "INPUT", "SELECT", "TEXTAREA", "OPTION"]);
  const BLOCK = /^(block|flex|grid|list-item|table|table-row|table-caption|flow-root)$/;
  const root = document.documentElement;
  const pageWidth = Math.max(root.scrollWidth, window.innerWidth);
  const pageHeight = Math.max(root.scrollHeight, window.innerHeight);
  const verdicts = new Map();
  const isHidden = (element) => {
    if (verdicts.has(element)) return verdicts.get(element);
    let hidden = false;
    if (typeof element.checkVisibility === "function" &&
        !element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true })) {
      hidden = true;
    } else {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const left = box.left + window.scrollX;
      const top = box.top + window.scrollY;
      if (style.display !== "contents" && (box.width <= 1 || box.height <= 1) && style.overflow !== "visible") hidden = true;
      else if (style.display !== "contents" && box.width > 0 && (left + box.width <= 0 || top + box.height <= 0 || left >= pageWidth || top >= pageHeight)) hidden = true;
      else if (parseFloat(style.fontSize) < 2) hidden = true;
      else if (style.color === "transparent" || /rgba\([^)]*,\s*0\)$/.test(style.color)) hidden = true;
      else if (/rect\(\s*0(px)?,?\s+0(px)?,?\s+0(px)?,?\s+0(px)?\s*\)/.test(style.clip) || style.clipPath === "inset(50%)") hidden = true;
    }
    verdicts.set(element, hidden);
    return hidden;
  };

  const parts = [];
  let length = 0;
  let visited = 0;
  let truncated = false;
  const push = (piece) => {
    if (truncated) return;
    if (length + piece.length > maxChars) {
      parts.push(piece.slice(0, maxChars - length));
      truncated = true;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  const walk = (node, depth) => {
    if (truncated || depth > maxDepth) return;
    if (++visited > maxNodes) { truncated = true; return; }
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.data.replace(/\s+/g, " ");
      if (text.trim() !== "") push(text);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (SKIP.has(node.tagName.toUpperCase()) || isHidden(node)) return;
    if (node.tagName === "BR") { push("\n"); return; }
    const block = BLOCK.test(getComputedStyle(node).display);
    if (block) push("\n");
    for (const child of node.childNodes) walk(child, depth + 1);
    if (block) push("\n");
  };
  if (document.body) walk(document.body, 0);
  const text = parts.join("").split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== "").join("\n");

  const clean = (value) => (value || "").replace(/\s+/g, " ").trim().slice(0, 200);
  const labelOf = (element) => {
    const labels = element.labels ? Array.from(element.labels).map((label) => label.innerText).join(" ") : "";
    return clean(element.getAttribute("aria-label") || labels || element.getAttribute("placeholder") || element.getAttribute("title"));
  };
  const submits = (element) => {
    const tag = element.tagName;
    const type = (element.getAttribute("type") || (tag === "BUTTON" ? "submit" : "")).toLowerCase();
    return element.form != null && ((tag === "BUTTON" && type === "submit") || (tag === "INPUT" && (type === "submit" || type === "image")));
  };
  const fields = [];
  for (const element of document.querySelectorAll("input, select, textarea")) {
    if (fields.length >= maxFields) break;
    const type = element.tagName === "INPUT" ? (element.type || "text").toLowerCase() : element.tagName.toLowerCase();
    if (["hidden", "submit", "button", "reset", "image"].includes(type) || isHidden(element)) continue;
    let value = element.value || "";
    if (type === "password") value = value === "" ? "" : "(filled)";
    else if (type === "checkbox" || type === "radio") value = element.checked ? "checked" : "unchecked";
    else if (type === "select") value = element.selectedOptions && element.selectedOptions[0] ? element.selectedOptions[0].text : "";
    fields.push({ label: labelOf(element), name: clean(element.getAttribute("name") || element.id), type, value: clean(value), required: element.required === true });
  }
  const buttons = [];
  for (const element of document.querySelectorAll("button, input[type=submit], input[type=button], input[type=image], [role=button]")) {
    if (buttons.length >= maxFields) break;
    if (isHidden(element)) continue;
    const label = clean(element.innerText || element.value || element.getAttribute("aria-label") || element.getAttribute("alt") || element.getAttribute("title"));
    if (label !== "") buttons.push({ text: label, submitsForm: submits(element) });
  }
  return { title: document.title || "", text, truncated, fields, buttons };
}`;
