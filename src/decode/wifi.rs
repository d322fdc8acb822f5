//! 802.11 data frames, bare or behind a radiotap or PPI header: the 802.11 header and its
//! LLC/SNAP header are stripped and the ethertype names what follows. Management and control
//! frames are not IP; frames protected at the link layer (WEP, WPA) are encrypted and are
//! counted as [`Undecoded::Ieee80211Protected`].

use super::{Cursor, Layers, LinkType, Next, Skip, Step, Undecoded};

/// At most this many radiotap presence words (each but the last has bit 31 set).
const MAX_RADIOTAP_PRESENCE_WORDS: usize = 8;
const RADIOTAP_TSFT: u32 = 1 << 0;
const RADIOTAP_FLAGS: u32 = 1 << 1;
const RADIOTAP_MORE_PRESENCE: u32 = 1 << 31;
/// Radiotap flags: padding between the 802.11 header and the payload, and a failed FCS check.
const FLAG_DATA_PAD: u8 = 0x20;
const FLAG_BAD_FCS: u8 = 0x40;
const PPI_LINKTYPE_80211: u32 = 105;

/// A radiotap header: its length, and the flags that say whether the frame is padded or bad.
pub(super) fn radiotap<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Step<'a>, Skip> {
    if at.byte(0)? != 0 {
        return Err(Skip::Malformed);
    }
    let length = usize::from(le16(at, 2)?);
    let first_present = le32(at, 4)?;
    let mut fields = 8;
    let mut word = first_present;
    let mut words = 1;
    while word & RADIOTAP_MORE_PRESENCE != 0 {
        words += 1;
        if words > MAX_RADIOTAP_PRESENCE_WORDS {
            return Err(Skip::Malformed);
        }
        word = le32(at, fields)?;
        fields += 4;
    }
    let mut flags = 0;
    if first_present & RADIOTAP_FLAGS != 0 {
        if first_present & RADIOTAP_TSFT != 0 {
            fields = fields.next_multiple_of(8) + 8;
        }
        flags = at.byte(fields)?;
    }
    if length < fields {
        return Err(Skip::Malformed);
    }
    if flags & FLAG_BAD_FCS != 0 {
        return Err(Skip::Malformed);
    }
    ieee80211(at.skip(length)?, flags & FLAG_DATA_PAD != 0, layers)
}

/// A PPI header: its length and the link type after it.
pub(super) fn ppi(at: Cursor<'_>) -> Result<Step<'_>, Skip> {
    if at.byte(0)? != 0 {
        return Err(Skip::Malformed);
    }
    let length = usize::from(le16(at, 2)?);
    let linktype = le32(at, 4)?;
    if length < 8 {
        return Err(Skip::Malformed);
    }
    let link = match linktype {
        PPI_LINKTYPE_80211 => LinkType::Ieee80211,
        other => match i32::try_from(other).ok().and_then(LinkType::from_linktype) {
            Some(LinkType::Ppi) | None => return Err(Skip::NotIp),
            Some(link) => link,
        },
    };
    Ok(Step::Next(Next::Link(link), at.skip(length)?))
}

/// An 802.11 frame: data frames carrying an LLC/SNAP header name their ethertype.
pub(super) fn ieee80211<'a>(
    at: Cursor<'a>,
    padded: bool,
    layers: &mut Layers,
) -> Result<Step<'a>, Skip> {
    let control = at.byte(0)?;
    let flags = at.byte(1)?;
    if control & 0x03 != 0 {
        return Err(Skip::Malformed); // protocol version 0 is the only one
    }
    let frame_type = (control >> 2) & 0x03;
    let subtype = control >> 4;
    const DATA: u8 = 2;
    const SUBTYPE_NO_DATA: u8 = 0x4;
    const SUBTYPE_QOS: u8 = 0x8;
    if frame_type != DATA || subtype & SUBTYPE_NO_DATA != 0 {
        return Err(Skip::NotIp);
    }
    let mut header = 24;
    if flags & 0x03 == 0x03 {
        header += 6; // to and from the distribution system: a fourth address
    }
    if subtype & SUBTYPE_QOS != 0 {
        const AMSDU_PRESENT: u8 = 0x80;
        if at.byte(header)? & AMSDU_PRESENT != 0 {
            return Err(layers.undecoded(Undecoded::Ieee80211Amsdu));
        }
        header += 2;
        if flags & 0x80 != 0 {
            header += 4; // the +HTC/order bit on a QoS frame: an HT control field
        }
    }
    if flags & 0x40 != 0 {
        return Err(layers.undecoded(Undecoded::Ieee80211Protected));
    }
    let sequence_control = u16::from_le_bytes([at.byte(22)?, at.byte(23)?]);
    if sequence_control & 0x000f != 0 {
        return Err(Skip::LaterFragment);
    }
    if padded {
        header = header.next_multiple_of(4);
    }
    let llc = at.skip(header)?;
    // LLC/SNAP: DSAP, SSAP, control, then an RFC 1042 or 802.1H bridge-tunnel OUI.
    match llc.bytes.get(..6).ok_or(Skip::Truncated)? {
        [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 | 0xf8] => {
            Ok(Step::Next(Next::Ethertype(llc.be16(6)?), llc.skip(8)?))
        }
        _ => Err(Skip::NotIp),
    }
}

fn le16(at: Cursor<'_>, offset: usize) -> Result<u16, Skip> {
    Ok(u16::from_le_bytes([at.byte(offset)?, at.byte(offset + 1)?]))
}

fn le32(at: Cursor<'_>, offset: usize) -> Result<u32, Skip> {
    let bytes = at.bytes.get(offset..offset + 4).ok_or(Skip::Truncated)?;
    Ok(u32::from_le_bytes(
        bytes.try_into().map_err(|_| Skip::Truncated)?,
    ))
}
