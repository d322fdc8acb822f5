//! Link layers: Ethernet (with VLAN tags), Linux cooked captures, raw IP, BSD loopback, PPP and
//! Cisco HDLC. Each strips its header and names the next one; 802.11 lives in [`super::wifi`].

use super::{wifi, Cursor, Layers, LinkType, Next, Skip, Step};

const VLAN_ETHERTYPES: [u16; 3] = [0x8100, 0x88a8, 0x9100];
/// More stacked VLAN tags than this is treated as malformed.
const MAX_VLAN_TAGS: usize = 8;
/// Cisco HDLC's unicast and broadcast addresses, which also tell it from PPP in LINKTYPE_PPP_HDLC.
const CISCO_HDLC_ADDRESSES: [u8; 2] = [0x0f, 0x8f];

/// Strips the link layer of `link`.
#[inline]
pub(super) fn strip<'a>(
    link: LinkType,
    at: Cursor<'a>,
    layers: &mut Layers,
) -> Result<Step<'a>, Skip> {
    match link {
        LinkType::Ethernet => ethernet(at),
        LinkType::LinuxSll => Ok(Step::Next(Next::Ethertype(at.be16(14)?), at.skip(16)?)),
        LinkType::LinuxSll2 => Ok(Step::Next(Next::Ethertype(at.be16(0)?), at.skip(20)?)),
        LinkType::RawIp | LinkType::RawIpv4 | LinkType::RawIpv6 => Ok(Step::Next(Next::Ip, at)),
        LinkType::Null | LinkType::Loop => loopback(link, at),
        LinkType::Ppp => ppp_or_cisco_hdlc(at),
        LinkType::PppWithDirection => ppp_or_cisco_hdlc(at.skip(1)?),
        LinkType::CiscoHdlc => cisco_hdlc(at),
        LinkType::CiscoHdlcWithDirection => cisco_hdlc(at.skip(1)?),
        LinkType::Ieee80211 => wifi::ieee80211(at, false, layers),
        LinkType::Radiotap => wifi::radiotap(at, layers),
        LinkType::Ppi => wifi::ppi(at),
    }
}

/// An Ethernet header and any VLAN tags after it.
#[inline]
pub(super) fn ethernet(at: Cursor<'_>) -> Result<Step<'_>, Skip> {
    let mut offset = 12;
    let mut ethertype = at.be16(offset)?;
    let mut tags = 0;
    while VLAN_ETHERTYPES.contains(&ethertype) {
        tags += 1;
        if tags > MAX_VLAN_TAGS {
            return Err(Skip::Malformed);
        }
        offset += 4;
        ethertype = at.be16(offset)?;
    }
    Ok(Step::Next(Next::Ethertype(ethertype), at.skip(offset + 2)?))
}

fn loopback(link: LinkType, at: Cursor<'_>) -> Result<Step<'_>, Skip> {
    let raw: [u8; 4] = at
        .bytes
        .get(..4)
        .ok_or(Skip::Truncated)?
        .try_into()
        .map_err(|_| Skip::Truncated)?;
    let family = if link == LinkType::Loop {
        u32::from_be_bytes(raw)
    } else {
        // The capturing host's byte order is unknown; a family is a small number either way.
        let little = u32::from_le_bytes(raw);
        if little < 0x1_0000 {
            little
        } else {
            u32::from_be_bytes(raw)
        }
    };
    match family {
        // AF_INET, then AF_INET6 as Linux, FreeBSD, OpenBSD/NetBSD and macOS number it.
        2 | 10 | 24 | 28 | 30 => Ok(Step::Next(Next::Ip, at.skip(4)?)),
        _ => Err(Skip::NotIp),
    }
}

fn ppp_or_cisco_hdlc(at: Cursor<'_>) -> Result<Step<'_>, Skip> {
    if CISCO_HDLC_ADDRESSES.contains(&at.byte(0)?) {
        cisco_hdlc(at)
    } else {
        Ok(Step::Next(Next::Ppp, at))
    }
}

/// Address, control, then an ethertype.
fn cisco_hdlc(at: Cursor<'_>) -> Result<Step<'_>, Skip> {
    if !CISCO_HDLC_ADDRESSES.contains(&at.byte(0)?) {
        return Err(Skip::Malformed);
    }
    Ok(Step::Next(Next::Ethertype(at.be16(2)?), at.skip(4)?))
}
