//! Features of a flow's shape that do not depend on the exact sizes one program picks: how
//! often a payload size repeats, how many different sizes there are, how the first exchange and
//! the two directions compare in size, and how far the flow fills its largest packets. A
//! protocol fixes these (a media stream repeats one size, a bulk transfer fills packets to the
//! path's MTU whatever it is, a request/response protocol answers with more than it asked),
//! while message sizes, request sizes and keep-alive periods vary from one implementation to the
//! next.

use super::{def, share, Direction, Sink};

/// Buckets of the payload-size sketch ([`SizeShape::variety`]).
const SKETCH_BITS: u32 = u64::BITS;

/// Repeats, variety and the largest of payload sizes, in O(1) state. Sizes are kept in 16 bits
/// (an IP packet's payload fits them; only IPv6 jumbograms would share the top value).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SizeShape {
    /// The last payload size each direction sent (0 before its first).
    last: [u16; 2],
    /// The largest payload size so far.
    max: u16,
    /// Payload-carrying packets the same size as their direction's previous one.
    repeats: u32,
    /// Payload-carrying packets as large as the largest so far.
    at_max: u32,
    /// One bit per hashed payload size seen (a linear-counting sketch).
    sketch: u64,
}

impl SizeShape {
    /// Adds a payload-carrying packet (`payload_len` above 0).
    pub(super) fn push(&mut self, direction: Direction, payload_len: u32) {
        let size = u16::try_from(payload_len).unwrap_or(u16::MAX);
        let side = usize::from(direction == Direction::Backward);
        if self.last[side] == size {
            self.repeats = self.repeats.saturating_add(1);
        }
        self.last[side] = size;
        if size > self.max {
            self.max = size;
            self.at_max = 1;
        } else if size == self.max {
            self.at_max = self.at_max.saturating_add(1);
        }
        // Fibonacci hashing: the top bits of size * 2^64/phi spread neighbouring sizes apart.
        let bucket = u64::from(size).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (u64::BITS - SKETCH_BITS.ilog2());
        self.sketch |= 1 << bucket;
    }

    /// Estimated number of distinct payload sizes (linear counting over the sketch's buckets;
    /// exact while sizes are few, within a few percent up to about the bucket count).
    fn distinct_sizes(&self) -> f64 {
        let empty = f64::from(SKETCH_BITS - self.sketch.count_ones());
        let bits = f64::from(SKETCH_BITS);
        if empty == 0.0 {
            // Every bucket taken: the estimate's upper end for this sketch size.
            bits * bits.ln()
        } else {
            bits * (bits / empty).ln()
        }
    }

    /// Declares the size-shape features; `payload_packets` counts the flow's payload-carrying
    /// packets.
    pub(super) fn visit(&self, payload_packets: u32, sink: &mut impl Sink) {
        let packets = f64::from(payload_packets);
        sink.put(share(f64::from(self.repeats), packets), || {
            def(
                "repeat_size_share",
                "ratio",
                "share of payload-carrying packets the same size as the previous one in their direction: near 1 for fixed-size messages (media, tunnels' keep-alives)",
            )
        });
        sink.put(share(self.distinct_sizes(), packets).min(1.0), || {
            def(
                "size_variety",
                "ratio",
                "distinct payload sizes per payload-carrying packet (estimated; 1 when every size differs)",
            )
        });
        sink.put(share(f64::from(self.at_max), packets), || {
            def(
                "payload_max_share",
                "ratio",
                "share of the payload-carrying packets as large as the flow's largest: near 1 when a transfer fills its packets to the path's limit, whatever that is",
            )
        });
    }
}

/// The first two bursts, as [`super::Bursts`] keeps them (signed: negative for the responder).
pub(super) fn visit_first_exchange(first: i64, second: i64, sink: &mut impl Sink) {
    sink.put(f64::from(u8::from(first < 0)), || {
        def(
            "responder_first",
            "flag",
            "1 when the responder sends the first payload (a banner or greeting), 0 otherwise",
        )
    });
    let (asked, answered) = (first.unsigned_abs() as f64, second.unsigned_abs() as f64);
    sink.put(share(answered, asked + answered), || {
        def(
            "first_answer_share",
            "ratio",
            "bytes of the second burst over those of the first two: how much larger the first answer is than what opened the flow; 0 without a second burst",
        )
    });
}

/// Compares the mean payload sizes of the two directions.
pub(super) fn visit_size_balance(forward_mean: f64, backward_mean: f64, sink: &mut impl Sink) {
    sink.put(share(backward_mean, forward_mean + backward_mean), || {
        def(
            "bwd_payload_mean_share",
            "ratio",
            "the responder's mean payload size over the sum of both directions' means: 0.5 when both send messages of a size",
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;

    #[test]
    fn repeats_count_per_direction() {
        // 100 out, 100 back (no repeat: the other side), 100 out (repeat), 100 back (repeat),
        // 60 out (no repeat).
        let mut shape = SizeShape::default();
        for (direction, size) in [
            (Forward, 100),
            (Backward, 100),
            (Forward, 100),
            (Backward, 100),
            (Forward, 60),
        ] {
            shape.push(direction, size);
        }
        assert_eq!(shape.repeats, 2);
    }

    #[test]
    fn the_largest_size_count_restarts_when_a_larger_packet_comes() {
        let mut shape = SizeShape::default();
        for size in [100, 100, 200, 150, 200] {
            shape.push(Forward, size);
        }
        assert_eq!((shape.max, shape.at_max), (200, 2));
        // Sizes past 16 bits share the top value.
        shape.push(Backward, 70_000);
        assert_eq!((shape.max, shape.at_max), (u16::MAX, 1));
    }

    #[test]
    fn distinct_sizes_is_exact_for_a_few_sizes_and_grows_with_more() {
        let mut shape = SizeShape::default();
        for size in [20, 20, 148, 92, 148] {
            shape.push(Forward, size);
        }
        // Three sizes in three buckets (checked: the hash spreads these apart).
        assert_eq!(shape.sketch.count_ones(), 3);
        let three = shape.distinct_sizes();
        assert!((three - 3.0).abs() < 0.1, "{three}");
        // Ten more sizes: 13 in all, each in a bucket of its own, which linear counting
        // overestimates a little (it expects collisions that the hash's even spread avoided).
        for size in 200..210 {
            shape.push(Backward, size);
        }
        let thirteen = shape.distinct_sizes();
        assert!((13.0..=15.0).contains(&thirteen), "{thirteen}");
    }

    #[test]
    fn a_full_sketch_gives_a_finite_estimate() {
        let shape = SizeShape {
            sketch: u64::MAX,
            ..SizeShape::default()
        };
        assert!(shape.distinct_sizes().is_finite());
    }
}
