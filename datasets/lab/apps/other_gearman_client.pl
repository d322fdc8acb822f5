#!/usr/bin/perl
# other_gearman_client.pl SERVER:PORT SEED OPS: one session of a Gearman client of Gearman::Client
# (Debian libgearman-client-perl): OPS operations, each one of: a foreground job (do_task) on rev,
# wc or sum with 20 B - 30 kB of text, a task set of 2-6 jobs submitted together and waited for,
# a high-priority job, or a background job on `slow` followed by 2-6 status polls (GET_STATUS)
# 0.3-1 s apart; 0.1-1.5 s between operations.
use strict;
use warnings;
use Gearman::Client;
use Time::HiRes qw(sleep);

my ($server, $seed, $ops) = @ARGV;
srand($seed);
my $c = Gearman::Client->new(job_servers => [$server]);
my @f = qw(rev wc sum);
sub text { my $n = shift; join '', map { chr(97 + int rand 26) . (rand() < 0.15 ? (rand() < 0.3 ? "\n" : ' ') : '') } 1 .. $n }
$| = 1;
for my $op (1 .. $ops) {
    my $r = rand;
    if ($r < 0.35) {
        my $fn = $f[int rand 3];
        my $res = $c->do_task($fn, text(20 + int rand(rand() < 0.3 ? 30000 : 2000)));
        printf "do %s: %d bytes\n", $fn, defined $res ? length $$res : -1;
    } elsif ($r < 0.55) {
        my $ts = $c->new_task_set;
        my $n = 2 + int rand 5; my $done = 0;
        $ts->add_task($f[int rand 3], text(20 + int rand 4000), { on_complete => sub { $done++ } }) for 1 .. $n;
        $ts->wait(timeout => 20);
        print "taskset: $done of $n\n";
    } elsif ($r < 0.65) {
        my $res = $c->do_task($f[int rand 3], text(20 + int rand 500), { priority => 'high' });
        print "high: ", (defined $res ? "ok" : "failed"), "\n";
    } else {
        my $h = $c->dispatch_background(slow => text(5 + int rand 60));
        print "background ", ($h // '?'), "\n";
        for (1 .. 2 + int rand 5) {
            sleep(0.3 + rand 0.7);
            my $st = $h ? $c->get_status($h) : undef;
            my $pr = $st ? $st->progress : undef;
            printf "  status %s %s\n", $st && $st->running ? 'running' : 'idle/done', $pr ? "$pr->[0]/$pr->[1]" : '-';
        }
    }
    sleep(0.1 + rand 1.4);
}
