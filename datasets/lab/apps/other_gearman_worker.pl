#!/usr/bin/perl
# other_gearman_worker.pl SERVER:PORT NAME: a Gearman worker of Gearman::Worker (Debian
# libgearman-client-perl) for the other_gearman_perl* scenarios: functions rev (reverses the job's
# data), wc (lines words bytes), sum (MD5 hex) and slow (5-20 steps of 0.1-0.3 s, a WORK_STATUS
# update each, then the step count).  Works until killed.
use strict;
use warnings;
use Gearman::Worker;
use Digest::MD5 qw(md5_hex);
use Time::HiRes qw(sleep);

my ($server, $name) = @ARGV;
my $w = Gearman::Worker->new(job_servers => [$server]);
$w->prefix(undef) if $w->can('prefix');
$w->register_function(rev => sub { scalar reverse $_[0]->arg });
$w->register_function(wc => sub {
    my $d = $_[0]->arg;
    my $lines = () = $d =~ /\n/g;
    my @words = split ' ', $d;
    return sprintf "%d %d %d", $lines, scalar @words, length $d;
});
$w->register_function(sum => sub { md5_hex($_[0]->arg) });
$w->register_function(slow => sub {
    my $job = shift;
    my $n = 5 + (length($job->arg) % 16);
    for my $i (1 .. $n) { sleep(0.1 + rand(0.2)); $job->set_status($i, $n); }
    return "$name did $n steps";
});
$| = 1;
print "worker $name on $server\n";
$w->work while 1;
