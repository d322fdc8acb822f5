//! From flow key to the slot of its open flow, in 4 bytes per flow: the slot number. The keys
//! themselves stay with the flows in the slots, so a lookup compares the key with the flow in
//! each candidate slot (the flow the packet then updates), and growing the index rehashes each
//! slot's key from its flow.

use hashbrown::HashTable;

use super::key::FlowKey;

#[derive(Default)]
pub struct FlowIndex {
    table: HashTable<u32>,
    hasher: ahash::RandomState,
}

impl FlowIndex {
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// The slot of `key`'s flow; `key_in` gives the key of the flow in a slot.
    pub fn find(&self, key: &FlowKey, key_in: impl Fn(u32) -> FlowKey) -> Option<u32> {
        self.table
            .find(self.hasher.hash_one(key), |&slot| key_in(slot) == *key)
            .copied()
    }

    /// Files `slot` under `key`, which must not be in the index; `key_in` gives the key of the
    /// flow in a slot, for the slots already filed when the index grows.
    pub fn insert(&mut self, key: &FlowKey, slot: u32, key_in: impl Fn(u32) -> FlowKey) {
        let hasher = &self.hasher;
        self.table
            .insert_unique(hasher.hash_one(key), slot, |&filed| {
                hasher.hash_one(key_in(filed))
            });
    }

    /// Removes `slot`, filed under `key`.
    pub fn remove(&mut self, key: &FlowKey, slot: u32) {
        if let Ok(entry) = self
            .table
            .find_entry(self.hasher.hash_one(key), |&filed| filed == slot)
        {
            entry.remove();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packet::Transport;
    use std::net::{IpAddr, Ipv4Addr};

    fn key(port: u16) -> FlowKey {
        let a = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let b = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        FlowKey::new(Transport::Udp, (a, port), (b, 53))
    }

    #[test]
    fn finds_what_was_filed_through_growth_and_forgets_what_was_removed() {
        // Slot i holds the flow on port i, as the table's slab would.
        let mut index = FlowIndex::default();
        for port in 0..50_000u16 {
            index.insert(&key(port), u32::from(port), |slot| key(slot as u16));
        }
        for port in (0..50_000u16).step_by(2) {
            index.remove(&key(port), u32::from(port));
        }
        assert_eq!(index.len(), 25_000);
        for port in 0..50_000u16 {
            let found = index.find(&key(port), |slot| key(slot as u16));
            assert_eq!(found, (port % 2 == 1).then_some(u32::from(port)), "{port}");
        }
        assert_eq!(index.find(&key(60_000), |slot| key(slot as u16)), None);
    }

    #[test]
    fn a_key_is_compared_with_the_flow_in_the_slot_not_only_by_its_hash() {
        let mut index = FlowIndex::default();
        index.insert(&key(1), 7, |_| key(1));
        // The slot now holds another flow: the key must not be found in it.
        assert_eq!(index.find(&key(1), |_| key(2)), None);
        assert_eq!(index.find(&key(1), |_| key(1)), Some(7));
    }
}
