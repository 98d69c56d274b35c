//! The flower box's own styles: the stage, the buttons over the picture, the tooltip, the
//! details panel, and what print leaves out.

pub(super) const FLOWER_BOX_CSS: &str = r#"
.fb { margin: 1rem 0; }
.fb-stage { position: relative; width: 100%; max-width: 1200px; }
.fb-canvas { display: block; width: 100%; height: 100%; }
.fb-hits { position: absolute; inset: 0; }
.fb-stage .fb-hit { position: absolute; margin: 0; padding: 0; min-height: 0; min-width: 0; background: transparent;
  border: 2px solid transparent; border-radius: 10px; cursor: pointer; }
.fb-stage .fb-hit-tile { border-radius: 4px; }
.fb-stage .fb-hit:hover { border-color: rgba(26, 79, 160, 0.55); background: rgba(26, 79, 160, 0.06); }
.fb-stage .fb-hit:focus-visible { border-color: #1a4fa0; outline: 3px solid #fff; outline-offset: 0; box-shadow: 0 0 0 5px #1a4fa0; }
.fb-stage .fb-hit[aria-expanded="true"] { border-color: #1a4fa0; border-style: dashed; }
.fb-tip { position: absolute; transform: translate(-50%, calc(-100% - 6px)); z-index: 2; pointer-events: none;
  background: #1f1f1f; color: #fff; padding: 0.4rem 0.6rem; border-radius: 6px; font-size: 0.9rem; line-height: 1.35;
  max-width: 22rem; width: max-content; display: flex; flex-direction: column; }
.fb-tip-below { transform: translate(-50%, 6px); }
.fb-tip-group { opacity: 0.85; }
.fb-hint { color: var(--muted, #555); font-size: 0.9rem; margin-top: 0.35rem; }
.fb-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 1rem; }
.fb-detail:empty { display: none; }
.fb-detail { border: 1px solid var(--line, #ccc); border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; }
.fb-detail h2 { margin-top: 0; font-size: 1.2rem; }
.fb-indicators { padding-left: 1.2rem; }
.fb-indicators li { margin: 0.3rem 0; }
.fb-ind-answer { color: var(--muted, #555); white-space: nowrap; }
.fb-ind-answer::before { content: "– "; }
.fb-detail-actions { display: flex; gap: 1rem; align-items: center; }
@media print {
  .site-header, .skip-link, .fb-actions, .fb-hits, .fb-hint, .fb-detail, .fb-noprint { display: none !important; }
  main { max-width: none; padding: 0; }
  .fb-stage { max-width: 100%; break-inside: avoid; }
  .fb-table-wrap { break-before: page; }
}
"#;
