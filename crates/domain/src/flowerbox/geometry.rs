//! Plane geometry in the layout's abstract units (y grows downwards, as on screen).

use std::f64::consts::PI;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

pub const fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    pub fn corners(&self) -> Vec<Point> {
        vec![pt(self.x, self.y), pt(self.right(), self.y), pt(self.right(), self.bottom()), pt(self.x, self.bottom())]
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(x, y, self.right().max(other.right()) - x, self.bottom().max(other.bottom()) - y)
    }

    pub fn bounding(points: &[Point]) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// Signed area (shoelace); its absolute value is the area.
pub fn area(polygon: &[Point]) -> f64 {
    let n = polygon.len();
    (0..n)
        .map(|i| {
            let (a, b) = (polygon[i], polygon[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum::<f64>()
        / 2.0
}

/// Even-odd point-in-polygon test.
pub fn contains(polygon: &[Point], p: Point) -> bool {
    let n = polygon.len();
    let mut inside = false;
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (polygon[i], polygon[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Parallel lines at `angle` (radians) spaced `gap` apart, cut to the inside of `polygon`.
pub fn hatch(polygon: &[Point], angle: f64, gap: f64, inset: f64) -> Vec<(Point, Point)> {
    if polygon.len() < 3 || gap <= 0.0 {
        return Vec::new();
    }
    // Direction of the lines and the normal along which they are spaced.
    let (dx, dy) = (angle.cos(), angle.sin());
    let (nx, ny) = (-dy, dx);
    let offsets: Vec<f64> = polygon.iter().map(|p| p.x * nx + p.y * ny).collect();
    let lo = offsets.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = offsets.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let mut out = Vec::new();
    // Anchor the lines on a global grid so that neighbouring shapes' hatching lines up.
    let mut k = (lo / gap).floor() + 0.5;
    while k * gap < hi {
        let c = k * gap;
        k += 1.0;
        if c <= lo {
            continue;
        }
        // Where the line {p : p·n = c} crosses the edges, measured along the direction.
        let mut ts = Vec::new();
        let n = polygon.len();
        for i in 0..n {
            let (a, b) = (polygon[i], polygon[(i + 1) % n]);
            let (oa, ob) = (offsets[i], offsets[(i + 1) % n]);
            if (oa > c) != (ob > c) {
                let t = (c - oa) / (ob - oa);
                let x = a.x + (b.x - a.x) * t;
                let y = a.y + (b.y - a.y) * t;
                ts.push(x * dx + y * dy);
            }
        }
        ts.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        for pair in ts.chunks_exact(2) {
            let (t0, t1) = (pair[0] + inset, pair[1] - inset);
            if t1 - t0 > 0.5 {
                let p = |t: f64| pt(c * nx + t * dx, c * ny + t * dy);
                out.push((p(t0), p(t1)));
            }
        }
    }
    out
}

/// A petal: its base at distance `r0` from `center`, its tip at `r1`, pointing at `angle`,
/// at most `half_width` wide on each side. Parameterised by `s` from base (0) to tip (1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PetalShape {
    pub center: Point,
    pub angle: f64,
    pub r0: f64,
    pub r1: f64,
    pub half_width: f64,
}

const PETAL_STEPS: usize = 24;

impl PetalShape {
    /// Half width at `s`: narrow at the base, widest two thirds out, rounded at the tip.
    pub fn width_at(&self, s: f64) -> f64 {
        let s = s.clamp(0.0, 1.0);
        let t = s.powf(1.35);
        self.half_width * (PI * t).sin().max(0.0).powf(0.55) * (0.45 + 0.55 * s.min(0.75) / 0.75)
    }

    /// The widest point, as a share of the length.
    pub const WIDEST: f64 = 0.62;

    fn at(&self, s: f64, side: f64) -> Point {
        let (ux, uy) = (self.angle.cos(), self.angle.sin());
        let (vx, vy) = (-uy, ux);
        let r = self.r0 + (self.r1 - self.r0) * s;
        let w = self.width_at(s) * side;
        pt(self.center.x + ux * r + vx * w, self.center.y + uy * r + vy * w)
    }

    /// The outline of the part from `s0` to `s1` (the whole petal: 0 to 1).
    pub fn outline(&self, s0: f64, s1: f64) -> Vec<Point> {
        let steps = ((PETAL_STEPS as f64) * (s1 - s0)).ceil().max(2.0) as usize;
        let ss: Vec<f64> = (0..=steps).map(|i| s0 + (s1 - s0) * i as f64 / steps as f64).collect();
        let mut points: Vec<Point> = ss.iter().map(|&s| self.at(s, 1.0)).collect();
        points.extend(ss.iter().rev().map(|&s| self.at(s, -1.0)));
        dedup(points)
    }

    /// Area of the part from `s0` to `s1`, by the midpoint rule.
    pub fn area_between(&self, s0: f64, s1: f64) -> f64 {
        let steps = 200;
        let len = self.r1 - self.r0;
        (0..steps)
            .map(|i| {
                let s = s0 + (s1 - s0) * (i as f64 + 0.5) / steps as f64;
                2.0 * self.width_at(s) * len * (s1 - s0) / steps as f64
            })
            .sum()
    }

    /// Where to cut so that the part from the base to the cut holds `share` of the area
    /// (from a cumulative table, interpolated).
    pub fn cut_for_share(&self, share: f64) -> f64 {
        const STEPS: usize = 400;
        let mut cumulative = Vec::with_capacity(STEPS + 1);
        let mut sum = 0.0;
        cumulative.push(0.0);
        for i in 0..STEPS {
            sum += self.width_at((i as f64 + 0.5) / STEPS as f64);
            cumulative.push(sum);
        }
        if sum <= 0.0 {
            return share.clamp(0.0, 1.0);
        }
        let target = share.clamp(0.0, 1.0) * sum;
        let i = cumulative.partition_point(|&c| c < target).clamp(1, STEPS);
        let (lo, hi) = (cumulative[i - 1], cumulative[i]);
        let t = if hi > lo { (target - lo) / (hi - lo) } else { 0.0 };
        ((i - 1) as f64 + t) / STEPS as f64
    }
}

/// An ellipse as a polygon.
pub fn ellipse(center: Point, rx: f64, ry: f64, rotation: f64, steps: usize) -> Vec<Point> {
    let (c, s) = (rotation.cos(), rotation.sin());
    (0..steps)
        .map(|i| {
            let t = 2.0 * PI * i as f64 / steps as f64;
            let (x, y) = (rx * t.cos(), ry * t.sin());
            pt(center.x + x * c - y * s, center.y + x * s + y * c)
        })
        .collect()
}

/// A rectangle with rounded corners as a polygon.
pub fn rounded_rect(r: Rect, radius: f64) -> Vec<Point> {
    let radius = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    if radius <= 0.0 {
        return r.corners();
    }
    let corners = [
        (pt(r.right() - radius, r.y + radius), -PI / 2.0),
        (pt(r.right() - radius, r.bottom() - radius), 0.0),
        (pt(r.x + radius, r.bottom() - radius), PI / 2.0),
        (pt(r.x + radius, r.y + radius), PI),
    ];
    let mut out = Vec::new();
    for (c, start) in corners {
        for i in 0..=4 {
            let a = start + PI / 2.0 * i as f64 / 4.0;
            out.push(pt(c.x + radius * a.cos(), c.y + radius * a.sin()));
        }
    }
    out
}

fn dedup(mut points: Vec<Point>) -> Vec<Point> {
    points.dedup_by(|a, b| (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9);
    while points.len() > 1 && {
        let (f, l) = (points[0], points[points.len() - 1]);
        (f.x - l.x).abs() < 1e-9 && (f.y - l.y).abs() < 1e-9
    } {
        points.pop();
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside_a_square() {
        let square = Rect::new(0.0, 0.0, 20.0, 20.0).corners();
        let lines = hatch(&square, PI / 4.0, 5.0, 0.0);
        assert!(lines.len() >= 4);
        for (a, b) in lines {
            for p in [a, b] {
                assert!(p.x > -1e-6 && p.x < 20.0 + 1e-6 && p.y > -1e-6 && p.y < 20.0 + 1e-6, "{p:?}");
            }
        }
    }

    #[test]
    fn petal_cut_halves_the_area() {
        let petal = PetalShape { center: pt(0.0, 0.0), angle: 0.3, r0: 10.0, r1: 80.0, half_width: 15.0 };
        let s = petal.cut_for_share(0.5);
        let whole = petal.area_between(0.0, 1.0);
        assert!((petal.area_between(0.0, s) - whole / 2.0).abs() < whole * 1e-3);
        let polygon_area = area(&petal.outline(0.0, 1.0)).abs();
        assert!((polygon_area - whole).abs() < whole * 0.03, "{polygon_area} vs {whole}");
        assert!(contains(&petal.outline(0.0, 1.0), pt(45.0 * 0.3f64.cos(), 45.0 * 0.3f64.sin())));
    }
}
