//! Whole percentages that add up to 100 (largest-remainder rounding), so that a table row of
//! shares never reads 104 % or 97 % in total: rounding each share on its own drifts (issue 21).

/// Each count's share of `counts`' sum as whole percentages that sum to exactly 100; all zeros
/// when the sum is 0 (nothing to share, the surface shows a dash). Each is the share rounded
/// down, and the points still missing go to the largest remainders (ties to the earlier option,
/// which in every set is the better one).
pub fn whole_percentages(counts: &[u64]) -> Vec<u64> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    // u64 is plenty (counts of answers) and keeps 128-bit division out of the app's module.
    let exact: Vec<u64> = counts.iter().map(|&c| c.saturating_mul(100)).collect();
    let mut whole: Vec<u64> = exact.iter().map(|e| e / total).collect();
    let missing = 100 - whole.iter().sum::<u64>();
    let mut by_remainder: Vec<usize> = (0..counts.len()).collect();
    by_remainder.sort_by(|&a, &b| (exact[b] % total).cmp(&(exact[a] % total)).then(a.cmp(&b)));
    for &i in by_remainder.iter().take(missing as usize) {
        whole[i] += 1;
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_add_up_to_100_with_the_extra_point_on_the_first() {
        assert_eq!(whole_percentages(&[1, 1, 1]), vec![34, 33, 33]);
    }

    #[test]
    fn rounding_each_alone_would_pass_100_but_these_do_not() {
        // 7 options of 1 in 7 each: 14.29 % rounds to 14 alone (98 %); 2 of 3 and 1 of 3
        // with halves: 5 of 8 = 62.5, 3 of 8 = 37.5 round alone to 63 + 38 = 101.
        let sevenths = whole_percentages(&[1; 7]);
        assert_eq!(sevenths.iter().sum::<u64>(), 100);
        assert_eq!(sevenths, vec![15, 15, 14, 14, 14, 14, 14]);
        assert_eq!(whole_percentages(&[5, 3]), vec![63, 37]);
    }

    #[test]
    fn exact_shares_stay_as_they_are() {
        assert_eq!(whole_percentages(&[8, 0, 0]), vec![100, 0, 0]);
        assert_eq!(whole_percentages(&[1, 3]), vec![25, 75]);
    }

    #[test]
    fn no_data_gives_no_percentages() {
        assert_eq!(whole_percentages(&[0, 0, 0]), vec![0, 0, 0]);
        assert_eq!(whole_percentages(&[]), Vec::<u64>::new());
    }

    #[test]
    fn every_mix_of_small_counts_sums_to_100() {
        for a in 0..12u64 {
            for b in 0..12 {
                for c in 0..12 {
                    let p = whole_percentages(&[a, b, c]);
                    if a + b + c > 0 {
                        assert_eq!(p.iter().sum::<u64>(), 100, "{a} {b} {c}");
                        for (count, share) in [a, b, c].iter().zip(&p) {
                            let exact = *count as f64 * 100.0 / (a + b + c) as f64;
                            assert!((exact - *share as f64).abs() < 1.0, "{a} {b} {c}");
                        }
                    }
                }
            }
        }
    }
}
