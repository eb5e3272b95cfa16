#!/usr/bin/env python3
"""Generate the fictional Changde demo-city reference data set.

Writes next to this script: regions.csv, grids.geojson, devices.csv,
key-persons.csv, plate-hotlist.csv, sites.csv, plates-normal.txt.

Python 3 standard library only. Deterministic: the only randomness comes from
random.Random(SEED), so running it twice gives byte-identical files.
Every person, ID number, phone number, card and plate is invented.
GB/T 2260 codes of the city and counties are public; township and village
codes/names below them are fictional.
"""

import csv
import datetime
import json
import random
import re
from pathlib import Path

SEED = 20261127
OUT = Path(__file__).resolve().parent
rng = random.Random(SEED)

# Coordinates are kept as integer micro-degrees (1e-6 deg) so that tiling and
# overlap checks are exact; they are written out with 6 decimals.
U = 1_000_000
CELL_W = 6000   # ~584 m of longitude at lat 29
CELL_H = 5000   # ~555 m of latitude
SLOT_W = 20000  # one village slot inside a county block
SLOT_H = 12000
GAP = 1000      # margin between a slot edge and its village rectangle

# --------------------------------------------------------------------------
# 1. Regions
# --------------------------------------------------------------------------
CITY = ("430700", "常德市")

# county code, name, edge id, SW corner of the county block (micro-degrees)
COUNTIES = [
    ("430702", "武陵区", "edge-wuling-01", (111_670_000, 29_028_000)),    # ~111.69, 29.04
    ("430703", "鼎城区", "edge-dingcheng-01", (111_660_000, 28_968_000)),  # ~111.68, 28.98
    ("430725", "桃源县", "edge-taoyuan-01", (111_470_000, 28_888_000)),    # ~111.49, 28.90
]

# county -> [(township name, [(village name, cell layout "1x3" / "2x2"), ...]), ...]
# Names are invented. 16 + 24 = 40 cells: four 2x2 villages, eight 1x3 villages.
TOWNSHIPS = {
    "430702": [
        ("柳湾街道", [("柳湾社区", "2x2"), ("柳岸社区", "1x3")]),
        ("桂园街道", [("桂园社区", "2x2"), ("金桂社区", "1x3")]),
    ],
    "430703": [
        ("鹤鸣镇", [("鹤鸣村", "2x2"), ("白鹤村", "1x3")]),
        ("枫林镇", [("枫林村", "1x3"), ("红枫村", "1x3")]),
    ],
    "430725": [
        ("桃花溪镇", [("桃花溪村", "2x2"), ("落英村", "1x3")]),
        ("青岚乡", [("青岚村", "1x3"), ("云岚村", "1x3")]),
    ],
}

regions = [(CITY[0], CITY[1], "CITY", "")]
villages = []  # dicts: code, name, county, rect (w, s, e, n), layout
for ci, (ccode, cname, edge, (ox, oy)) in enumerate(COUNTIES):
    regions.append((ccode, cname, "COUNTY", CITY[0]))
    for ti, (tname, vils) in enumerate(TOWNSHIPS[ccode]):
        tcode = f"{ccode}{ti + 1:03d}"
        regions.append((tcode, tname, "TOWNSHIP", ccode))
        for vi, (vname, layout) in enumerate(vils):
            vcode = f"{tcode}{vi + 1:03d}"
            regions.append((vcode, vname, "VILLAGE", tcode))
            cols, rows = (2, 2) if layout == "2x2" else (3, 1)
            w = ox + vi * SLOT_W + GAP
            s = oy + ti * SLOT_H + GAP
            villages.append({
                "code": vcode, "name": vname, "county": ccode, "layout": (cols, rows),
                "rect": (w, s, w + cols * CELL_W, s + rows * CELL_H),
            })

# --------------------------------------------------------------------------
# 2. Grid cells
# --------------------------------------------------------------------------
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ["晓燕", "红梅", "志刚", "建华", "丽萍", "海燕", "国强", "春林", "秀兰", "卫东",
         "小军", "桂芳", "振宇", "文静", "永胜", "雪梅", "德明", "玉兰", "立军", "淑珍",
         "光辉", "翠英", "明亮", "慧敏", "长青", "金凤", "宏亮", "美华", "新民", "艳红"]


def unique_names(n, taken):
    out = []
    while len(out) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


used_names = set()
cells = []  # dicts: code, villageCode, county, name, gridWorker, rect
for v in villages:
    cols, rows = v["layout"]
    w0, s0, _, _ = v["rect"]
    n = 0
    for r in range(rows):
        for c in range(cols):
            n += 1
            w, s = w0 + c * CELL_W, s0 + r * CELL_H
            cells.append({
                "code": f"{v['code']}{n:02d}", "villageCode": v["code"], "county": v["county"],
                "name": f"{v['name']}第{n}网格", "rect": (w, s, w + CELL_W, s + CELL_H),
            })
for cell, worker in zip(cells, unique_names(len(cells), used_names)):
    cell["gridWorker"] = worker


def ring(rect):
    """Closed counter-clockwise exterior ring (RFC 7946) as [lon, lat] floats."""
    w, s, e, n = rect
    pts = [(w, s), (e, s), (e, n), (w, n), (w, s)]
    return [[round(x / U, 6), round(y / U, 6)] for x, y in pts]


def point_in_ring(lon, lat, pts):
    """Plain even-odd ray-cast test (independent of the rectangle bookkeeping)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        if (y1 > lat) != (y2 > lat):
            xcross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < xcross:
                inside = not inside
    return inside


def cells_containing(lon, lat):
    return [c for c in cells if point_in_ring(lon, lat, ring(c["rect"]))]


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def area(r):
    return (r[2] - r[0]) * (r[3] - r[1])


# --------------------------------------------------------------------------
# 3. Plates (normalised: 湘 + city letter + 5 alnum, or 6 for new energy)
# --------------------------------------------------------------------------
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O
DIGITS = "0123456789"
PATTERNS = ["LDDDD", "LLDDD", "DLDDD", "DDLDD", "DDDLD", "DDDDL", "LDDDL", "DDDDD", "LDLDD"]
PLATE_RE = re.compile(r"^湘[A-HJ-NP-Z][0-9A-HJ-NP-Z]{5}$|^湘[A-HJ-NP-Z][DF][0-9A-HJ-NP-Z][0-9]{4}$")
used_plates = set()


def new_plate(city="J", new_energy=False):
    while True:
        if new_energy:
            tail = rng.choice("DF") + "".join(rng.choice(DIGITS) for _ in range(5))
        else:
            tail = "".join(rng.choice(LETTERS if p == "L" else DIGITS) for p in rng.choice(PATTERNS))
        plate = f"湘{city}{tail}"
        if plate not in used_plates:
            used_plates.add(plate)
            assert PLATE_RE.match(plate), plate
            return plate


# --------------------------------------------------------------------------
# 4. Sensitive sites (inside grid cells, slightly off the cell centre)
# --------------------------------------------------------------------------
def centre(rect):
    return ((rect[0] + rect[2]) // 2, (rect[1] + rect[3]) // 2)


cell_by_code = {c["code"]: c for c in cells}
# id, name, kind, cell code, radius in metres
SITES = [
    ("SITE-01", "武陵区政务服务中心", "government-office", "43070200100101", 300),
    ("SITE-02", "常德火车站", "station", "43070200200102", 500),
    ("SITE-03", "柳湾广场", "square", "43070200100203", 250),
    ("SITE-04", "鼎城区信访接待中心", "petition-office", "43070300100102", 200),
    ("SITE-05", "鹤鸣实验小学", "school", "43070300100202", 200),
    ("SITE-06", "桃花溪中心医院", "hospital", "43072500100101", 300),
]
sites = []
for sid, sname, skind, ccode, radius in SITES:
    cx, cy = centre(cell_by_code[ccode]["rect"])
    sites.append({"id": sid, "name": sname, "kind": skind, "cell": ccode,
                  "lon": cx + 800, "lat": cy + 500, "radius": radius})  # ~80 m / 55 m off centre

# --------------------------------------------------------------------------
# 5. Devices (GB/T 28181 ids; one per cell, at the cell centre)
# --------------------------------------------------------------------------
# GB/T 28181-2016 Appendix D type codes: a checkpoint (卡口) camera is an IP camera (132) whose
# serials start at 101, apart from the plain IP cameras'; a door is an alarm input device (134,
# "infrared, smoke, access control"); 114 would be a decoder and 121 is not assigned.
# A GA/T 1400 capture camera (kind viid: faces and vehicles pushed to the edge) is an IP camera
# too, with serials from 201.
TYPE_CODES = {"plate-reader": ["132"], "camera": ["131", "132"], "gate": ["134"], "viid": ["132"]}
SERIAL_BASE = {"plate-reader": 100, "viid": 200}
# per county: (kind, site name or None, device name); order fixes serial numbers.
DEVICE_PLAN = {
    "430702": [
        ("plate-reader", "常德火车站", "火车站卡口"),
        ("plate-reader", None, "洞庭大道柳湾卡口"),
        ("plate-reader", None, "桂园路东卡口"),
        ("plate-reader", None, "金桂大道北卡口"),
        ("plate-reader", None, "柳岸路口卡口"),
        ("plate-reader", "武陵区政务服务中心", "政务中心停车场出入口"),
        ("camera", "柳湾广场", "柳湾广场球机"),
        ("camera", None, "柳湾社区主路口枪机"),
        ("camera", None, "桂园社区北门枪机"),
        ("camera", None, "金桂农贸市场球机"),
        ("gate", None, "柳湾小区东门门禁"),
        ("gate", None, "桂园小区南门门禁"),
        ("viid", "常德火车站", "火车站广场抓拍机"),
    ],
    "430703": [
        ("plate-reader", None, "鹤鸣大道卡口"),
        ("plate-reader", None, "枫林镇入口卡口"),
        ("plate-reader", None, "红枫路卡口"),
        ("plate-reader", None, "白鹤桥卡口"),
        ("camera", "鼎城区信访接待中心", "信访中心大厅枪机"),
        ("camera", "鹤鸣实验小学", "鹤鸣实验小学校门球机"),
        ("camera", None, "枫林村村部枪机"),
        ("gate", None, "鹤鸣小区北门门禁"),
        ("gate", None, "红枫公寓门禁"),
    ],
    "430725": [
        ("plate-reader", None, "桃花溪大桥卡口"),
        ("plate-reader", None, "落英路卡口"),
        ("plate-reader", None, "青岚乡入口卡口"),
        ("plate-reader", None, "云岚隧道卡口"),
        ("camera", "桃花溪中心医院", "中心医院门诊楼球机"),
        ("camera", None, "青岚村村部枪机"),
        ("camera", None, "云岚村路口枪机"),
        ("gate", "桃花溪中心医院", "中心医院住院部门禁"),
        ("gate", None, "落英小区门禁"),
    ],
}
site_by_name = {s["name"]: s for s in sites}
devices = []
for ccode, cname, edge, _ in COUNTIES:
    county_cells = [c["code"] for c in cells if c["county"] == ccode]
    # sited devices take their site's cell; the rest get the remaining cells in seeded order
    taken = {site_by_name[site]["cell"] for _, site, _ in DEVICE_PLAN[ccode] if site}
    free = [c for c in county_cells if c not in taken]
    rng.shuffle(free)
    serials = {}
    cam_alt = 0
    for kind, site, dname in DEVICE_PLAN[ccode]:
        if kind == "camera":
            tcode = TYPE_CODES["camera"][cam_alt % 2]
            cam_alt += 1
        else:
            tcode = TYPE_CODES[kind][0]
        serials[(tcode, kind)] = serials.get((tcode, kind), SERIAL_BASE.get(kind, 0)) + 1
        dev_id = f"{ccode}00" + "00" + tcode + "0" + f"{serials[(tcode, kind)]:06d}"
        if site:
            ccell = site_by_name[site]["cell"]
            if ccell in [d["cell"] for d in devices]:
                # second device at the same site: take that cell but sit 100 m west of centre
                cx, cy = centre(cell_by_code[ccell]["rect"])
                cx -= 1000
            else:
                cx, cy = centre(cell_by_code[ccell]["rect"])
        else:
            ccell = free.pop(0)
            cx, cy = centre(cell_by_code[ccell]["rect"])
        devices.append({"id": dev_id, "kind": kind, "edgeId": edge, "lat": cy, "lon": cx,
                        "site": site or "", "name": dname, "cell": ccell, "county": ccode})

# --------------------------------------------------------------------------
# 6. Key persons (all invented)
# --------------------------------------------------------------------------
# name, sex (M/F), county, categories, risk level, number of plates, has access card
PERSONS = [
    ("王建军", "M", "430702", ["released-prisoner"], "red", 2, True),
    ("李秀英", "F", "430702", ["petition-risk"], "orange", 1, False),
    ("张志强", "M", "430702", ["drug-supervision"], "orange", 1, True),
    ("刘海涛", "M", "430702", ["community-correction"], "yellow", 1, False),
    ("陈丽娟", "F", "430702", ["mental-health-care"], "yellow", 0, True),
    ("杨国平", "M", "430702", ["released-prisoner", "drug-supervision"], "red", 1, False),
    ("赵小兵", "M", "430702", ["petition-risk"], "yellow", 1, False),
    ("黄春梅", "F", "430702", ["community-correction"], "yellow", 0, False),
    ("周文斌", "M", "430703", ["drug-supervision"], "orange", 2, False),
    ("吴德胜", "M", "430703", ["petition-risk", "mental-health-care"], "red", 1, True),
    ("徐桂兰", "F", "430703", ["petition-risk"], "yellow", 0, False),
    ("孙立新", "M", "430703", ["released-prisoner"], "orange", 1, False),
    ("胡永红", "F", "430703", ["mental-health-care"], "yellow", 0, True),
    ("朱晓明", "M", "430703", ["community-correction"], "yellow", 1, False),
    ("高美玲", "F", "430725", ["drug-supervision"], "orange", 1, False),
    ("林振华", "M", "430725", ["released-prisoner", "community-correction"], "red", 1, True),
    ("何彩霞", "F", "430725", ["petition-risk"], "yellow", 0, False),
    ("郭宏伟", "M", "430725", ["drug-supervision"], "orange", 2, False),
    ("马玉芬", "F", "430725", ["mental-health-care"], "yellow", 0, True),
    ("罗建平", "M", "430725", ["petition-risk"], "orange", 1, False),
]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_digit(first17):
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def invented_id_number(county, sex):
    birth = datetime.date(1962, 1, 1) + datetime.timedelta(days=rng.randrange(0, 38 * 365))
    seq = rng.randrange(0, 500) * 2 + (1 if sex == "M" else 0)  # 17th digit odd = male
    first17 = f"{county}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


persons = []
card_no = 100
for i, (name, sex, county, cats, risk, nplates, card) in enumerate(PERSONS, start=1):
    home = rng.choice([c["code"] for c in cells if c["county"] == county])
    plates = [new_plate(new_energy=(i % 6 == 3 and k == 0)) for k in range(nplates)]
    creds = []
    if card:
        card_no += rng.randrange(7, 60)
        creds.append(f"CARD-{card_no:06d}")
    persons.append({"id": f"KP{i:04d}", "name": name, "idNumber": invented_id_number(county, sex),
                    "categories": ";".join(cats), "riskLevel": risk, "homeGrid": home,
                    "plates": ";".join(plates), "credentials": ";".join(creds)})

# --------------------------------------------------------------------------
# 7. Plate hotlist (all active on 2026-11-27)
# --------------------------------------------------------------------------
HOTLIST = [
    # city letter, reason, severity, validFrom, validTo
    ("J", "涉案车辆", "critical", "2026-09-01T00:00:00Z", "2027-08-31T23:59:59Z"),
    ("J", "套牌嫌疑", "high", "2026-06-15T00:00:00Z", ""),
    ("J", "布控车辆", "high", "", "2027-03-31T23:59:59Z"),
    ("J", "盗抢车辆", "critical", "2026-10-20T08:00:00Z", ""),
    ("J", "肇事逃逸", "high", "2026-11-01T00:00:00Z", "2027-11-01T00:00:00Z"),
    ("J", "布控车辆", "medium", "", ""),
    ("J", "逾期未检", "low", "2026-01-01T00:00:00Z", "2027-06-30T23:59:59Z"),
    ("A", "涉案车辆", "high", "2026-08-08T00:00:00Z", "2027-02-08T00:00:00Z"),
    ("D", "套牌嫌疑", "medium", "2026-03-01T00:00:00Z", ""),
    ("J", "违法未处理", "low", "", "2026-12-31T23:59:59Z"),
]
hotlist = [{"plate": new_plate(city), "reason": r, "severity": sev, "validFrom": vf, "validTo": vt}
           for city, r, sev, vf, vt in HOTLIST]
# A pattern (docs/plates.md): a witness saw all of the plate but its serial's first character.
# Added after the random draws, so it leaves every other plate as it was.
HOTLIST_PATTERN = {"plate": "湘J?7315", "reason": "肇事逃逸(号牌不全)", "severity": "medium",
                   "validFrom": "", "validTo": ""}


# GA 36-2018 plate grammar (the same as org.sharpeyes.schema.plate.PlateNumber; docs/plates.md)
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
NEW_ENERGY = "DABCEFGHJK"


def valid_plate(s):
    if len(s) < 2 or s[0] not in PROVINCES or s[1] not in LETTERS:
        return False
    serial = s[2:]
    if serial[-1:] and serial[-1] in "学警挂港澳领":
        marked = serial[:-1]
        return (len(marked) == 4 and all(c in LETTERS + DIGITS for c in marked)
                and sum(c in LETTERS for c in marked) <= 2
                and (serial[-1] not in "港澳" or s[:2] == "粤Z"))
    if len(serial) == 5:
        return all(c in LETTERS + DIGITS for c in serial) and sum(c in LETTERS for c in serial) <= 2
    if len(serial) == 6:
        small = serial[0] in NEW_ENERGY and serial[1] in LETTERS + DIGITS and serial[2:].isdigit()
        large = serial[:5].isdigit() and serial[5] in NEW_ENERGY
        return small or large
    return False


LOOKALIKES = ["0DQ", "8B", "5S", "2Z", "6G"]


def folded(s):
    """Lookalikes folded as the server's hotlist index does (position 0 never)."""
    return s[0] + "".join(next((g[0] for g in LOOKALIKES if c in g), c) for c in s[1:])


def fits(plate, pattern):
    return len(plate) == len(pattern) and all(
        q == "?" or folded(plate)[i] == folded(pattern.replace("?", "1"))[i]
        for i, q in enumerate(pattern))


# --------------------------------------------------------------------------
# 8. Ordinary traffic plates
# --------------------------------------------------------------------------
kp_plates = {p for kp in persons for p in kp["plates"].split(";") if p}
hot_plates = {h["plate"] for h in hotlist}
normal_plates = [new_plate() for _ in range(200)]

# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------
levels = [r[2] for r in regions]
assert levels.count("CITY") == 1 and levels.count("COUNTY") == 3
assert levels.count("TOWNSHIP") == 6 and levels.count("VILLAGE") == 12
for code, _, level, parent in regions:
    assert len(code) == {"CITY": 6, "COUNTY": 6, "TOWNSHIP": 9, "VILLAGE": 12}[level], code
    if level == "COUNTY":
        assert code[:4] == parent[:4], code  # GB/T 2260: county shares the prefecture prefix
    elif level != "CITY":
        assert code.startswith(parent), code
assert len(cells) == 40 and len({c["code"] for c in cells}) == 40
for c in cells:
    assert len(c["code"]) == 14 and c["code"].startswith(c["villageCode"])
for i, a in enumerate(cells):  # cells pairwise disjoint
    for b in cells[i + 1:]:
        assert not overlap(a["rect"], b["rect"]), (a["code"], b["code"])
for v in villages:  # cells tile their village: inside it, disjoint, same total area
    vc = [c for c in cells if c["villageCode"] == v["code"]]
    assert len(vc) in (3, 4)
    vw, vs, ve, vn = v["rect"]
    assert all(vw <= c["rect"][0] and c["rect"][2] <= ve and vs <= c["rect"][1] and c["rect"][3] <= vn
               for c in vc)
    assert sum(area(c["rect"]) for c in vc) == area(v["rect"]), v["code"]
for i, a in enumerate(villages):
    for b in villages[i + 1:]:
        assert not overlap(a["rect"], b["rect"]), (a["code"], b["code"])
bbox = {}
for c in cells:
    w, s, e, n = c["rect"]
    bw, bs, be, bn = bbox.get(c["county"], (w, s, e, n))
    bbox[c["county"]] = (min(bw, w), min(bs, s), max(be, e), max(bn, n))
ks = list(bbox)
for i, a in enumerate(ks):
    for b in ks[i + 1:]:
        assert not overlap(bbox[a], bbox[b]), (a, b)

assert len(devices) == 31 and len({d["id"] for d in devices}) == 31
kinds = [d["kind"] for d in devices]
assert kinds.count("plate-reader") == 14 and kinds.count("camera") == 10 and kinds.count("gate") == 6
first_pr = next(d for d in devices if d["kind"] == "plate-reader")
assert first_pr["id"] == "43070200001320000101" and first_pr["edgeId"] == "edge-wuling-01"
for d in devices:
    assert re.fullmatch(r"\d{20}", d["id"]) and d["id"][:6] == d["county"], d["id"]
    hits = cells_containing(d["lon"] / U, d["lat"] / U)
    assert len(hits) == 1 and hits[0]["code"] == d["cell"] and hits[0]["county"] == d["county"], d["id"]
for s in sites:
    hits = cells_containing(s["lon"] / U, s["lat"] / U)
    assert len(hits) == 1 and hits[0]["code"] == s["cell"], s["id"]

assert len(persons) == 20
assert sum(1 for p in persons if p["plates"]) >= 12
for p in persons:
    n = p["idNumber"]
    assert len(n) == 18 and n[:6] == p["homeGrid"][:6] and id_check_digit(n[:17]) == n[17]
    datetime.datetime.strptime(n[6:14], "%Y%m%d")
    assert p["homeGrid"] in cell_by_code and p["riskLevel"] in ("red", "orange", "yellow")
assert len({p["idNumber"] for p in persons}) == 20
assert not ({p["name"] for p in persons} & {c["gridWorker"] for c in cells})
assert len(hotlist) == 10 and len(hot_plates) == 10 and not (hot_plates & kp_plates)
now = "2026-11-27T00:00:00Z"
for h in hotlist:
    assert (not h["validFrom"] or h["validFrom"] <= now) and (not h["validTo"] or now <= h["validTo"])
    assert h["severity"] in ("critical", "high", "medium", "low")
assert len(normal_plates) == 200 and len(set(normal_plates)) == 200
assert not (set(normal_plates) & (hot_plates | kp_plates))
assert all(re.fullmatch(r"湘J[0-9A-HJ-NP-Z]{5}", p) for p in normal_plates)
assert all(valid_plate(p) for p in normal_plates + sorted(hot_plates | kp_plates))
# no ordinary plate may match a hot plate or the pattern, not even by lookalikes (8/B, 0/D, ...)
assert not ({folded(p) for p in normal_plates} & {folded(p) for p in hot_plates | kp_plates})
assert not any(fits(p, HOTLIST_PATTERN["plate"]) for p in normal_plates + sorted(hot_plates | kp_plates))
hotlist.append(HOTLIST_PATTERN)


# --------------------------------------------------------------------------
# Write
# --------------------------------------------------------------------------
def deg(v):
    return f"{v / U:.6f}"


def write_csv(name, header, rows):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


write_csv("regions.csv", ["code", "name", "level", "parent"], regions)

geo = {"type": "FeatureCollection", "features": [
    {"type": "Feature",
     "geometry": {"type": "Polygon", "coordinates": [ring(c["rect"])]},
     "properties": {"code": c["code"], "villageCode": c["villageCode"], "name": c["name"],
                    "gridWorker": c["gridWorker"]}}
    for c in cells]}
with open(OUT / "grids.geojson", "w", encoding="utf-8", newline="\n") as f:
    # one feature per line: compact yet diff-friendly
    f.write('{"type": "FeatureCollection", "features": [\n')
    f.write(",\n".join(json.dumps(ft, ensure_ascii=False) for ft in geo["features"]))
    f.write("\n]}\n")

write_csv("devices.csv", ["id", "kind", "edgeId", "lat", "lon", "site", "name"],
          [[d["id"], d["kind"], d["edgeId"], deg(d["lat"]), deg(d["lon"]), d["site"], d["name"]]
           for d in devices])
write_csv("key-persons.csv",
          ["id", "name", "idNumber", "categories", "riskLevel", "homeGrid", "plates", "credentials"],
          [[p[k] for k in ("id", "name", "idNumber", "categories", "riskLevel", "homeGrid",
                           "plates", "credentials")] for p in persons])
write_csv("plate-hotlist.csv", ["plate", "reason", "severity", "validFrom", "validTo"],
          [[h["plate"], h["reason"], h["severity"], h["validFrom"], h["validTo"]] for h in hotlist])
write_csv("sites.csv", ["id", "name", "kind", "lat", "lon", "radiusMeters"],
          [[s["id"], s["name"], s["kind"], deg(s["lat"]), deg(s["lon"]), s["radius"]] for s in sites])
with open(OUT / "plates-normal.txt", "w", encoding="utf-8", newline="\n") as f:
    f.write("".join(p + "\n" for p in normal_plates))

print(f"wrote {len(regions)} regions, {len(cells)} grid cells, {len(devices)} devices, "
      f"{len(persons)} key persons, {len(hotlist)} hotlist plates, {len(sites)} sites, "
      f"{len(normal_plates)} normal plates to {OUT}")
