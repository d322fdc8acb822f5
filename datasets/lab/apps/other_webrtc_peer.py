#!/usr/bin/env python3
"""One side of a WebRTC call through aiortc (ICE, DTLS, SRTP, SCTP data channels), for a bounded time.

    other_webrtc_peer.py --role offer|answer --sig DIR --duration S --media audio,video,data
                         [--seed N] [--stun HOST:PORT]

Signalling is a file exchange in DIR (offer.json, then answer.json), since both peers run on this
machine: no signalling flow is captured.  The media are synthetic (a tone of changing pitch,
small generated video frames, chat-like data-channel messages), the protocol stack is aiortc's
own: ICE connectivity checks (aioice), the DTLS handshake, SRTP for audio (Opus) and video (VP8),
SCTP over DTLS for the data channel.  (Debian's aiortc 1.4 fails to parse its own VP8 packets'
header extensions here, so the lab's scenarios use audio and data.)  Prints a line on stderr at the end.
"""
import argparse
import asyncio
import fractions
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
from aiortc import (MediaStreamTrack, RTCConfiguration, RTCIceServer, RTCPeerConnection,
                    RTCSessionDescription, VideoStreamTrack)
from av import AudioFrame, VideoFrame


class Tone(MediaStreamTrack):
    """20 ms frames of a 48 kHz tone whose pitch wanders (something for Opus to encode)."""
    kind = "audio"

    def __init__(self, rnd):
        super().__init__()
        self.rnd, self.pts, self.freq, self.start = rnd, 0, 440.0, None

    async def recv(self):
        if self.start is None:
            self.start = time.time()
        wait = self.start + self.pts / 48000 - time.time()
        if wait > 0:
            await asyncio.sleep(wait)
        self.freq = min(900.0, max(200.0, self.freq + self.rnd.uniform(-20, 20)))
        t = (np.arange(960) + self.pts) / 48000
        samples = (np.sin(2 * math.pi * self.freq * t) * 8000).astype(np.int16).reshape(1, -1)
        frame = AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = 48000, self.pts, fractions.Fraction(1, 48000)
        self.pts += 960
        return frame


class Frames(VideoStreamTrack):
    """Small generated frames (a moving gradient) at the track's default pace."""

    def __init__(self):
        super().__init__()
        self.n = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        self.n += 1
        y, x = np.mgrid[0:120, 0:160]
        img = np.stack([(x + self.n * 3) % 256, (y + self.n) % 256, (x + y) % 256], axis=-1).astype(np.uint8)
        frame = VideoFrame.from_ndarray(img, format="rgb24")
        frame.pts, frame.time_base = pts, time_base
        return frame


async def wait_file(path, deadline):
    while not path.exists():
        if time.time() > deadline:
            raise TimeoutError(f"no {path.name}")
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.1)
    return json.loads(path.read_text())


async def run(a):
    rnd = random.Random(f"{a.seed}/{a.role}")
    sig = Path(a.sig)
    servers = [RTCIceServer(urls=f"stun:{a.stun}")] if a.stun else []
    pc = RTCPeerConnection(RTCConfiguration(iceServers=servers))
    media = a.media.split(",")
    got = {"msgs": 0, "frames": 0}

    @pc.on("track")
    def on_track(track):
        async def drain():
            while True:
                try:
                    await track.recv()
                    got["frames"] += 1
                except Exception:
                    return
        asyncio.ensure_future(drain())

    def chat(channel):
        @channel.on("message")
        def on_message(_m):
            got["msgs"] += 1

        async def talk():
            while channel.readyState != "closed":
                if channel.readyState == "open":
                    channel.send(json.dumps({"t": time.time(), "text": "x" * rnd.randint(5, 300)}))
                await asyncio.sleep(rnd.expovariate(1.5))
        asyncio.ensure_future(talk())

    if "audio" in media:
        pc.addTrack(Tone(rnd))
    if "video" in media:
        pc.addTrack(Frames())
    deadline = time.time() + 30
    if a.role == "offer":
        if "data" in media:
            chat(pc.createDataChannel("chat"))
        await pc.setLocalDescription(await pc.createOffer())
        (sig / "offer.json").write_text(json.dumps({"sdp": pc.localDescription.sdp, "type": "offer"}))
        ans = await wait_file(sig / "answer.json", deadline)
        await pc.setRemoteDescription(RTCSessionDescription(**ans))
    else:
        pc.on("datachannel", chat)
        offer = await wait_file(sig / "offer.json", deadline)
        await pc.setRemoteDescription(RTCSessionDescription(**offer))
        await pc.setLocalDescription(await pc.createAnswer())
        (sig / "answer.json").write_text(json.dumps({"sdp": pc.localDescription.sdp, "type": "answer"}))
    await asyncio.sleep(a.duration)
    await pc.close()
    print(f"other_webrtc_peer {a.role}: {got['frames']} media frames, {got['msgs']} messages received", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", choices=["offer", "answer"], required=True)
    ap.add_argument("--sig", required=True)
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--media", default="audio,data")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stun", default="")
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
