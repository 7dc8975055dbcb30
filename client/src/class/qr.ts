import { encode } from "uqr";
import { svg } from "../dom.ts";

/**
 * A QR code of `text` as an SVG: the modules come from `uqr` (a maintained encoder); this
 * only draws them, one path of unit squares, dark on a white quiet zone so phones read it
 * off a projector screen.
 */
export function qrSvg(text: string, label: string): SVGElement {
  const qr = encode(text, { ecc: "M", border: 2 });
  let d = "";
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  const el = svg(
    "svg",
    { viewBox: `0 0 ${qr.size} ${qr.size}`, role: "img", "aria-label": label, class: "qr", "shape-rendering": "crispEdges" },
    svg("rect", { width: qr.size, height: qr.size, fill: "#ffffff" }),
    svg("path", { d, fill: "#000000" }),
  );
  return el;
}
