"""The user loop of the lab's queue clients (other_beanstalk_client.py, other_amqp_client.py,
other_zmq_node.py): USERS threads for DURATION s, each waiting 0-3 s, then drawing one session
after another by weight, with a pause between sessions.  A session is called as
session(args, rnd, end) with the user's own random.Random (seeded by --seed and the user's number)
and the run's end (time.time())."""
import random
import threading
import time


def add_user_args(ap):
    """--seed, --users and --duration, the options every such client takes."""
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)


def run_users(args, sessions, weights, gap=(0.5, 4)):
    """Runs args.users users of SESSIONS (drawn by WEIGHTS) and waits for them."""
    def user(n):
        rnd = random.Random(f"{args.seed}/{n}")
        end = time.time() + args.duration
        time.sleep(rnd.uniform(0, 3))
        while time.time() < end:
            rnd.choices(sessions, weights)[0](args, rnd, end)
            time.sleep(rnd.uniform(*gap))
    ts = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
