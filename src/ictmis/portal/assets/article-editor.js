// The article editor: TipTap (ProseMirror) over the body textarea, which stays the form field. Without
// JavaScript the textarea works as before; with it, the editor writes its HTML back into the textarea on
// every change and the server sanitises whatever arrives. Built by `make assets` (esbuild) into
// static/portal/build/. No inline styles or <style> tags: the site's CSP allows neither.
import { Editor, Node } from "@tiptap/core";
import { NodeSelection } from "@tiptap/pm/state";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";

function pictureOf(element) {
  return element.tagName === "IMG" ? element : element.querySelector("img");
}

function fromPicture(name, fallback) {
  return {
    default: fallback,
    rendered: false,
    parseHTML: (element) => pictureOf(element)?.getAttribute(name) ?? fallback,
  };
}

// A picture from the library: <figure><img alt><figcaption></figure>. A bare <img> in an older body is
// read as a figure too, so nothing the editor opens is lost.
const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      src: fromPicture("src", null),
      alt: fromPicture("alt", ""),
      width: fromPicture("width", null),
      height: fromPicture("height", null),
      caption: {
        default: "",
        rendered: false,
        parseHTML: (element) =>
          element.tagName === "FIGURE" ? (element.querySelector("figcaption")?.textContent || "").trim() : "",
      },
    };
  },

  parseHTML() {
    return [{ tag: "figure", getAttrs: (element) => (pictureOf(element) ? null : false) }, { tag: "img[src]" }];
  },

  renderHTML({ node }) {
    const { src, alt, width, height, caption } = node.attrs;
    const picture = { src, alt: alt || "" };
    if (width) picture.width = width;
    if (height) picture.height = height;
    return caption ? ["figure", ["img", picture], ["figcaption", caption]] : ["figure", ["img", picture]];
  },
});

// Without the width styles and <colgroup> TipTap writes by default: the server would drop them anyway.
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    const { style: _style, ...attributes } = HTMLAttributes;
    return ["table", attributes, ["tbody", 0]];
  },
});

const COMMANDS = {
  paragraph: (chain) => chain.setParagraph(),
  h2: (chain) => chain.toggleHeading({ level: 2 }),
  h3: (chain) => chain.toggleHeading({ level: 3 }),
  bold: (chain) => chain.toggleBold(),
  italic: (chain) => chain.toggleItalic(),
  bulletList: (chain) => chain.toggleBulletList(),
  orderedList: (chain) => chain.toggleOrderedList(),
  blockquote: (chain) => chain.toggleBlockquote(),
  unlink: (chain) => chain.extendMarkRange("link").unsetLink(),
  table: (chain) => chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
  addRowAfter: (chain) => chain.addRowAfter(),
  addColumnAfter: (chain) => chain.addColumnAfter(),
  deleteRow: (chain) => chain.deleteRow(),
  deleteColumn: (chain) => chain.deleteColumn(),
  deleteTable: (chain) => chain.deleteTable(),
  undo: (chain) => chain.undo(),
  redo: (chain) => chain.redo(),
};

const ACTIVE = {
  paragraph: (editor) => editor.isActive("paragraph"),
  h2: (editor) => editor.isActive("heading", { level: 2 }),
  h3: (editor) => editor.isActive("heading", { level: 3 }),
  bold: (editor) => editor.isActive("bold"),
  italic: (editor) => editor.isActive("italic"),
  bulletList: (editor) => editor.isActive("bulletList"),
  orderedList: (editor) => editor.isActive("orderedList"),
  blockquote: (editor) => editor.isActive("blockquote"),
  link: (editor) => editor.isActive("link"),
};

function selectedFigure(editor) {
  const { selection } = editor.state;
  return selection instanceof NodeSelection && selection.node.type.name === "figure" ? selection.node : null;
}

function picker(dialog, editor) {
  const results = dialog.querySelector("[data-picker-results]");
  const search = dialog.querySelector("[data-picker-search]");
  const alt = dialog.querySelector("[data-picker-alt]");
  const caption = dialog.querySelector("[data-picker-caption]");
  const preview = dialog.querySelector("[data-picker-preview]");
  const problem = dialog.querySelector("[data-picker-problem]");
  let chosen = null;

  function say(message) {
    problem.textContent = message;
    problem.hidden = !message;
  }

  async function load() {
    const url = new URL(dialog.dataset.libraryUrl, window.location.href);
    url.searchParams.set("chon", "1");
    if (search.value.trim()) url.searchParams.set("q", search.value.trim());
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      // A session that ended answers with the login page: that is no list to show.
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      results.innerHTML = await response.text();
    } catch (_error) {
      say(dialog.dataset.loadFailed);
    }
  }

  function choose(picture) {
    chosen = { src: picture.src, width: picture.width || null, height: picture.height || null };
    preview.src = picture.thumbnail || picture.src;
    preview.alt = "";
    preview.hidden = false;
    alt.value = picture.alt || "";
    caption.value = picture.caption || "";
    say("");
  }

  results.addEventListener("click", (event) => {
    const button = event.target.closest("[data-pick]");
    if (!button) return;
    results.querySelectorAll("[data-pick]").forEach((other) => other.setAttribute("aria-pressed", "false"));
    button.setAttribute("aria-pressed", "true");
    choose(button.dataset);
    alt.focus();
  });
  dialog.querySelector("[data-picker-find]").addEventListener("click", load);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      load();
    }
  });
  dialog.querySelector("[data-picker-cancel]").addEventListener("click", () => dialog.close());
  dialog.querySelector("[data-picker-insert]").addEventListener("click", () => {
    if (!chosen) return say(dialog.dataset.needPicture);
    if (!alt.value.trim()) {
      alt.focus();
      return say(dialog.dataset.needAlt);
    }
    const attrs = { ...chosen, alt: alt.value.trim(), caption: caption.value.trim() };
    const chain = editor.chain().focus();
    (selectedFigure(editor) ? chain.updateAttributes("figure", attrs) : chain.insertContent({ type: "figure", attrs })).run();
    dialog.close();
  });

  return function open() {
    const current = selectedFigure(editor);
    chosen = null;
    preview.hidden = true;
    alt.value = "";
    caption.value = "";
    say("");
    if (current) choose({ ...current.attrs, thumbnail: current.attrs.src });
    dialog.showModal();
    load();
  };
}

function enhance(textarea) {
  const template = document.getElementById("article-editor-ui");
  const dialog = document.getElementById("picture-picker");
  if (!template || !dialog) return;
  const shell = template.content.firstElementChild.cloneNode(true);
  const surface = shell.querySelector("[data-editor-surface]");
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}_label`;
  textarea.before(shell);
  shell.append(textarea);

  const editor = new Editor({
    element: surface,
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        link: { openOnClick: false, defaultProtocol: "https", HTMLAttributes: { target: null, rel: null } },
      }),
      PlainTable,
      TableRow,
      TableHeader,
      TableCell,
      Figure,
    ],
    content: textarea.value,
    editorProps: {
      attributes: {
        class: "article-editor-surface",
        role: "textbox",
        "aria-multiline": "true",
        ...(label ? { "aria-labelledby": label.id } : {}),
        ...(textarea.getAttribute("aria-describedby")
          ? { "aria-describedby": textarea.getAttribute("aria-describedby") }
          : {}),
      },
    },
    onUpdate: ({ editor: changed }) => {
      textarea.value = changed.isEmpty ? "" : changed.getHTML();
    },
  });
  textarea.hidden = true;
  if (label) label.addEventListener("click", () => editor.commands.focus());

  const openPicker = picker(dialog, editor);
  const buttons = shell.querySelectorAll("[data-command]");
  const sourceButton = shell.querySelector('[data-command="source"]');

  function refresh() {
    const inSource = sourceButton.getAttribute("aria-pressed") === "true";
    buttons.forEach((button) => {
      const name = button.dataset.command;
      if (name === "source") return;
      button.disabled = inSource || (name in COMMANDS && !COMMANDS[name](editor.can().chain()).run());
      if (name in ACTIVE) button.setAttribute("aria-pressed", String(!inSource && ACTIVE[name](editor)));
    });
  }

  function toggleSource() {
    const showing = sourceButton.getAttribute("aria-pressed") === "true";
    if (showing) editor.commands.setContent(textarea.value);
    sourceButton.setAttribute("aria-pressed", String(!showing));
    textarea.hidden = showing;
    surface.hidden = !showing;
    (showing ? editor.commands : textarea).focus();
    refresh();
  }

  // A toolbar button does not take the focus: the editor keeps its selection and what is typed next goes in.
  shell.querySelector('[role="toolbar"]').addEventListener("mousedown", (event) => {
    const button = event.target.closest("[data-command]");
    if (button && button.dataset.command !== "source") event.preventDefault();
  });
  shell.addEventListener("click", (event) => {
    const button = event.target.closest("[data-command]");
    if (!button || !shell.contains(button)) return;
    const name = button.dataset.command;
    if (name === "source") return toggleSource();
    if (name === "picture") return openPicker();
    if (name === "link") {
      const href = window.prompt(button.dataset.prompt, editor.getAttributes("link").href || "https://");
      if (href === null) return;
      const chain = editor.chain().focus().extendMarkRange("link");
      (href.trim() ? chain.setLink({ href: href.trim() }) : chain.unsetLink()).run();
      return;
    }
    COMMANDS[name](editor.chain().focus()).run();
  });
  editor.on("transaction", refresh);
  refresh();
  shell.dataset.ready = "true";
}

document.querySelectorAll("textarea[data-article-editor]").forEach(enhance);
