"""Write analysis/resources/world_outline.json: country borders and coastlines as lon/lat
polylines, for the event map, so that it needs no map tiles or topojson from the network.

Source: the npm package world-atlas 2.0.2 (ISC licence, Mike Bostock), file
countries-110m.json, made from Natural Earth 1:110m (public domain). Fetch it with
`npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`, then:

    python tools/build_world_outline.py package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "analysis" / "resources" / "world_outline.json"


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Each TopoJSON arc as absolute [lon, lat] points, rounded to 0.01°."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    lines = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon = round(x * scale[0] + translate[0], 2)
            lat = round(y * scale[1] + translate[1], 2)
            points.append([lon, lat])
        lines.append(points)
    return lines


def main() -> None:
    topology = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    outline = {
        "source": "world-atlas 2.0.2 countries-110m.json (ISC); "
        "Natural Earth 1:110m, public domain",
        "lines": decode_arcs(topology),
    }
    OUT.write_text(json.dumps(outline, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(outline['lines'])} lines)")


if __name__ == "__main__":
    main()
