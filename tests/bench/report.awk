# Check a bench run's results and, with out=DIR, write the generated
# parts of the performance documents from them (scripts/bench-report.sh
# drives it).  Files, in this order: the run's description (KEY=VALUE
# lines written by scripts/bench.sh), the VM's results, the native
# micro-benchmarks' output.  Every expected result must be there exactly
# once and be a positive number: otherwise each missing or wrong one is
# named on stderr and the exit status is 1, before anything is written.
# The targets are judged here, from the figures of this run only.

function err(msg) { errs[++nerr] = msg }

function isnum(v) { return v ~ /^[0-9]+(\.[0-9]+)?$/ && v + 0 > 0 }

# Sort A[1..M] (numbers) in place; set lo and hi; return the median.
function sorted_median(a, m,   i, j, t) {
	for (i = 1; i <= m; i++)
		for (j = i + 1; j <= m; j++)
			if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	lo = a[1]
	hi = a[m]
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}

# The median over the rounds of one cell (configuration SUBSEP loop).
function median(k,   i, a) {
	for (i = 1; i <= rounds; i++) a[i] = vm[i, k]
	return sorted_median(a, rounds)
}

# (largest - smallest) / median over the rounds of one cell, in percent.
function spread(k,   m) {
	m = median(k)
	return (hi - lo) / m * 100
}

# In how many rounds configuration C was no slower than AppArmor (6) on
# loop L, each round's figures of the two compared with each other.
function rounds_no_slower(c, l,   i, n) {
	n = 0
	for (i = 1; i <= rounds; i++)
		if (vm[i, c, loops[l]] <= vm[i, 6, loops[l]]) n++
	return n
}

# 1234567 -> 1,234,567 (integers only).
function commas(n,   s) {
	s = sprintf("%.0f", n)
	while (s ~ /[0-9][0-9][0-9][0-9]/)
		sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
	return s
}

function pct(a, b) { return (a / b - 1) * 100 }

function row(f, cells,   n, c, i) {
	n = split(cells, c, "\t")
	print "   * - " c[1] > f
	for (i = 2; i <= n; i++) print "     - " c[i] > f
}

function table(f, header) {
	print ".. list-table::" > f
	print "   :header-rows: 1" > f
	print "" > f
	row(f, header)
}

# One target: what, the limit, the measured figure, and the verdict,
# which holds if value <= limit.
function target(what, limit, shown, value, lim) {
	ntg++
	tg[ntg] = what "\t" limit "\t" shown "\t" (value <= lim ? "met" : "**not met**")
	if (value <= lim) nmet++
	else missed = missed (missed == "" ? "" : "; ") what
}

BEGIN {
	nloops = split("exec connect udp capable", loops, " ")
	nsizes = split("10 1000 10000 100000", sizes, " ")
	nconf = split("1 2 3 4 5 6", confs, " ")
	ninfo = split("cpu cores host_kernel qemu guest_kernel vm_seconds " \
		"native_busy rounds replaces compiles small_rules " \
		"big_exec big_cidr", infokeys, " ")
	nbi = split("rounds exec connect udp capable pause_us", bikeys, " ")
	nparams = split("lookups probes runs compile-runs pattern-every", params, " ")
	name[1] = "1 no module"; name[2] = "2 loaded, no policy"
	name[3] = "3 unconfined, 10k policy"; name[4] = "4 confined, small"
	name[5] = "5 confined, 10k rules"; name[6] = "6 AppArmor, small"
	file = 0
}

FNR == 1 { file++ }
{ sub(/\r$/, "") }

file == 1 {
	i = index($0, "=")
	if (i > 1) info[substr($0, 1, i - 1)] = substr($0, i + 1)
	next
}

file == 2 && /^FAIL/ { err("the VM reported: " $0) }
file == 2 && /^DONE$/ { done = 1 }
file == 2 && $1 == "BENCHINFO" {
	for (i = 2; i <= NF; i++) {
		j = index($i, "=")
		bi[substr($i, 1, j - 1)] = substr($i, j + 1)
	}
}
file == 2 && $1 == "BENCH" {
	k = $2 SUBSEP $3 SUBSEP $4
	if (NF != 5 || !isnum($5)) err("malformed result line: " $0)
	else if ((k) in vm) err("result given twice: " $0)
	else { vm[k] = $5; seen[$2 " " $3 " " $4] = 1 }
}
file == 2 && $1 == "LATENCY" {
	if ($2 == "replacing" && NF == 7 && isnum($3) && isnum($4) && isnum($5) && isnum($6) && isnum($7)) {
		if (nrep++) err("latency during replaces given twice")
		replaced = $3; rep_n = $4; rep[1] = $5; rep[2] = $6; rep[3] = $7
	} else if ($2 == "steady" && NF == 6 && isnum($3) && isnum($4) && isnum($5) && isnum($6)) {
		if (nsteady++) err("steady latency given twice")
		steady_n = $3; st[1] = $4; st[2] = $5; st[3] = $6
	} else
		err("malformed latency line: " $0)
}
file == 2 && $1 == "COMPILE" {
	if (NF != 3 || !isnum($2) || !isnum($3)) err("malformed compile line: " $0)
	else { comp[++ncomp] = $3; comp_rules[ncomp] = $2 }
}

file == 3 && $1 == "param" { param[$2] = $3; next }
file == 3 {
	if (NF != 3 || !isnum($2) || !isnum($3)) {
		err("native: malformed line: " $0)
		next
	}
	if (($1, $2) in nat) err("native: " $1 " " $2 " given twice")
	nat[$1, $2] = $3
}

END {
	if (file != 3) err("report.awk: wanted 3 files, got " file)
	for (i = 1; i <= ninfo; i++)
		if (info[infokeys[i]] == "")
			err("the run's description has no " infokeys[i])
	rounds = info["rounds"]
	if (!isnum(rounds)) err("the run's description: rounds is not a number")
	if (!done) err("the VM did not report DONE (the benchmark did not finish)")
	for (i = 1; i <= nbi; i++)
		if (!isnum(bi[bikeys[i]]))
			err("the VM's BENCHINFO line has no " bikeys[i])
	if (bi["rounds"] != "" && bi["rounds"] != rounds)
		err("the VM ran " bi["rounds"] " rounds, " rounds " expected")
	# Every configuration x every loop x every round, and nothing else.
	missing = 0
	for (r = 1; r <= rounds; r++)
		for (c = 1; c <= nconf; c++)
			for (l = 1; l <= nloops; l++) {
				k = r " " confs[c] " " loops[l]
				if (k in seen) { delete seen[k]; continue }
				if (++missing <= 20)
					err("no result for round " r ", configuration " confs[c] ", loop " loops[l])
			}
	if (missing > 20) err("... and " missing - 20 " more results missing")
	for (k in seen) err("unexpected result (round, configuration, loop): " k)
	if (!nrep) err("no latency during replaces (LATENCY replacing)")
	else if (replaced != info["replaces"])
		err("latency during replaces covers " replaced " replaces, " info["replaces"] " expected")
	if (!nsteady) err("no steady latency (LATENCY steady)")
	else if (nrep && steady_n != rep_n)
		err("steady latency over " steady_n " connects, " rep_n " during replaces: they must match")
	if (nrep && rep_n + 0 < replaced + 0)
		err("only " rep_n " connects during " replaced " replaces")
	if (ncomp != info["compiles"])
		err(ncomp + 0 " compile times (COMPILE), " info["compiles"] " expected")
	for (i = 1; i <= ncomp; i++)
		if (comp_rules[i] < info["big_exec"] + info["big_cidr"])
			err("compile " i " was of a " comp_rules[i] "-rule policy, not the 10k-rule one")
	for (i = 1; i <= nparams; i++)
		if (!isnum(param[params[i]])) err("native: no param " params[i])
	for (s = 1; s <= nsizes; s++) {
		n = split("exec-hit exec-miss exec-bytes cidr-hit cidr-miss cidr-bytes", want, " ")
		if (sizes[s] + 0 >= param["pattern-every"] + 0) want[++n] = "exec-pattern"
		for (i = 1; i <= n; i++)
			if (!((want[i], sizes[s]) in nat))
				err("native: no " want[i] " figure for " sizes[s] " rules")
	}
	if (!(("policy-bytes", 10000) in nat)) err("native: no policy-bytes figure for 10000 rules")
	if (!(("policy-compile-ms", 10000) in nat)) err("native: no policy-compile-ms figure for 10000 rules")
	if (nerr) {
		for (i = 1; i <= nerr && i <= 40; i++) print "bench-report: " errs[i] > "/dev/stderr"
		if (nerr > 40) print "bench-report: ... and " nerr - 40 " more" > "/dev/stderr"
		exit 1
	}
	printf "%d VM results (%d rounds x %d configurations x %d loops), latency over %d replaces, %d compiles, every native figure\n", \
		rounds * nconf * nloops, rounds, nconf, nloops, replaced, ncomp
	if (out == "") exit 0
	write_vm(out "/vm.rst")
	write_native(out "/native.rst")
	write_analysis(out "/analysis.rst")
}

function write_vm(f,   c, l, m, cells, h, worst, wk, sp) {
	printf "Guest ns per operation, median of %d rounds, and ratio to 1:\n\n", rounds > f
	h = "Configuration"
	for (l = 1; l <= nloops; l++) h = h "\t" loops[l]
	table(f, h)
	worst = -1
	for (c = 1; c <= nconf; c++) {
		cells = name[confs[c]]
		for (l = 1; l <= nloops; l++) {
			m = med[confs[c], l] = median(confs[c] SUBSEP loops[l])
			cells = cells sprintf("\t%s (%.3fx)", commas(m), m / median(1 SUBSEP loops[l]))
			sp = spr[confs[c], l] = spread(confs[c] SUBSEP loops[l])
			if (sp > worst) { worst = sp; wk = name[confs[c]] ", " loops[l] }
		}
		row(f, cells)
	}
	maxspread = worst
	printf "\nLargest spread of one cell over the rounds, (largest - smallest) /\nmedian: %.2f%% (%s).\n\n", worst, wk > f
	print "Connect latency of a confined task (10k-rule profile), guest ns, with" > f
	printf "%d µs of sleep between two connects; during %d replaces of the\n", bi["pause_us"], replaced > f
	print "10k-rule policy by a loader at nice 19, and as many connects while a" > f
	print "nice-19 task only spins (steady: the CPU as busy, no replaces):" > f
	print "" > f
	table(f, "\tconnects\tmean\t99th percentile\tmaximum")
	row(f, sprintf("steady\t%s\t%s\t%s\t%s", commas(steady_n), commas(st[1]), commas(st[2]), commas(st[3])))
	row(f, sprintf("during %d replaces\t%s\t%s\t%s\t%s", replaced, commas(rep_n), commas(rep[1]), commas(rep[2]), commas(rep[3])))
	compile_med = compile_median()
	printf "\nKernel compile of the 10k-rule policy (%s rules as the kernel counts\n", commas(comp_rules[1]) > f
	printf "them; ``compile_us`` in the ``policy loaded`` log line), %d loads\n", ncomp > f
	printf "of that policy alone: median %s guest µs (smallest %s, largest %s).\n", \
		commas(compile_med), commas(cmin), commas(cmax) > f
}

function compile_median(   i, a, m) {
	for (i = 1; i <= ncomp; i++) a[i] = comp[i]
	m = sorted_median(a, ncomp)
	cmin = lo
	cmax = hi
	return m
}

function ns(set, size) {
	return ((set, size) in nat) ? nat[set, size] : "n/a"
}

function write_native(f,   s, n) {
	table(f, "Rules\texec hit\texec miss\texec pattern\texec bytes/rule\tCIDR hit\tCIDR miss\tCIDR bytes/rule")
	for (s = 1; s <= nsizes; s++) {
		n = sizes[s]
		row(f, commas(n) "\t" ns("exec-hit", n) "\t" ns("exec-miss", n) "\t" \
			ns("exec-pattern", n) "\t" ns("exec-bytes", n) "\t" \
			ns("cidr-hit", n) "\t" ns("cidr-miss", n) "\t" ns("cidr-bytes", n))
	}
	print "" > f
	printf "Lookups in ns (median of %d runs of %s lookups each). A set of\n", param["runs"], commas(param["lookups"]) > f
	printf "fewer than %d rules has no pattern rule, hence no pattern figure\n", param["pattern-every"] > f
	print "(n/a). A policy of 10,000 rules (half executables, half IPv4 hosts)" > f
	printf "takes %s bytes in the kernel (%.0f bytes/rule); validating and\n", \
		commas(nat["policy-bytes", 10000]), nat["policy-bytes", 10000] / 10000 > f
	printf "compiling it took %s ms (median of %d).\n", nat["policy-compile-ms", 10000], param["compile-runs"] > f
}

# A target on the change from configuration B to A on loop L, in
# percent: at most +LIM%, or with WITHIN, at most LIM% either way.  A
# margin smaller than the larger spread of the two cells is noted.
function pct_target(what, a, b, l, lim, within,   x, v, m, sp) {
	x = pct(med[a, l], med[b, l])
	v = within && x < 0 ? -x : x
	target(what, (within ? "within " : "+") lim "%", sprintf("%+.2f%%", x), v, lim)
	m = lim - v
	if (m < 0) m = -m
	sp = spr[a, l] > spr[b, l] ? spr[a, l] : spr[b, l]
	if (m < sp)
		noisy = noisy sprintf("%s%s (margin %.2f%%, spread %.2f%%)",
			noisy == "" ? "" : "; ", what, m, sp)
}

function fig_target(what, fig, size, unit, lim) {
	target(what, lim " " unit, nat[fig, size] " " unit, nat[fig, size], lim)
}

function write_analysis(f,   l, x, y, i, c, n, what) {
	pct_target("Unconfined task, policy loaded (3 vs 1): exec", 3, 1, 1, 1)
	pct_target("Unconfined task, policy loaded (3 vs 1): connect", 3, 1, 2, 1)
	pct_target("Confined, 10k rules (5 vs 1): exec", 5, 1, 1, 2)
	pct_target("Confined, 10k rules (5 vs 1): TCP connect", 5, 1, 2, 3)
	pct_target("Confined, 10k rules (5 vs 1): UDP send", 5, 1, 3, 2)
	pct_target("Loaded, no policy (2 vs 1): capable", 2, 1, 4, 3)
	for (l = 1; l <= 2; l++)
		pct_target("10k rules against a small profile (5 vs 4): " loops[l], \
			5, 4, l, 10, 1)
	fig_target("Native exec hit, 10,000 rules", "exec-hit", 10000, "ns", 100)
	fig_target("Native CIDR hit, 10,000 rules", "cidr-hit", 10000, "ns", 150)
	fig_target("Exec rule set, 10,000 rules", "exec-bytes", 10000, "bytes/rule", 256)
	fig_target("CIDR rule set, 10,000 rules", "cidr-bytes", 10000, "bytes/rule", 256)
	x = nat["policy-bytes", 10000] / 10000
	target("Compiled policy, 10,000 rules", "256 bytes/rule", sprintf("%.0f bytes/rule", x), x, 256)
	x = compile_med / 1000
	target("Compile of the 10k-rule policy in the guest (median)", "50 ms", \
		sprintf("%.2f ms", x), x, 50)
	fig_target("Validate and compile 10,000 rules natively", "policy-compile-ms", 10000, "ms", 50)
	# What the worst decision during the replaces waited beyond a typical
	# one: all of it is charged to the replaces.
	x = (rep[3] - st[1]) / 1000
	target(sprintf("Worst connect during %d replaces, minus the steady mean", replaced), \
		"100 µs", sprintf("%+.1f µs", x), x, 100)
	# Every configuration with the module, against AppArmor confining.
	# The rounds are counted too: a verdict they split on is the medians'
	# alone.
	for (c = 2; c <= 5; c++)
		for (l = 1; l <= nloops; l++) {
			x = med[c, l] / med[1, l]
			y = med[6, l] / med[1, l]
			n = rounds_no_slower(c, l)
			what = sprintf("No worse than AppArmor (%d vs 6, ratios to 1): %s", \
				c, loops[l])
			target(what, "AppArmor's ratio", \
				sprintf("%.3fx vs %.3fx (%+.0f ns); no slower in %d of %d rounds", \
					x, y, med[c, l] - med[6, l], n, rounds), x, y)
			if (n > 0 && n < rounds)
				split_aa = split_aa sprintf("%s%d vs 6 %s (%+.0f ns, no slower in %d of %d)", \
					split_aa == "" ? "" : "; ", c, loops[l], \
					med[c, l] - med[6, l], n, rounds)
		}

	print ".. This file is generated by \"make bench\" (scripts/bench-report.sh," > f
	print "   tests/bench/report.awk) from the run the tables in " docname ".rst" > f
	print "   come from; every figure and verdict in it is computed. Do not edit." > f
	print "" > f
	print "Reading the numbers" > f
	print "===================" > f
	print "" > f
	printf "Host: %s, %s cores, Linux %s; guest: Linux %s under QEMU %s.\n", \
		info["cpu"], info["cores"], info["host_kernel"], info["guest_kernel"], info["qemu"] > f
	print "Each target below is judged on this run's figures alone; a verdict" > f
	print "is a report, not a test: the benchmark does not fail on it." > f
	print "" > f
	table(f, "Target\tLimit\tMeasured\tVerdict")
	for (i = 1; i <= ntg; i++) row(f, tg[i])
	print "" > f
	printf "%d of %d targets met on this machine.", nmet, ntg > f
	if (missed != "") printf " Not met: %s.", missed > f
	print "" > f
	print "" > f
	printf "- The VM ratios compare medians of %d rounds; the largest spread of one\n", rounds > f
	printf "  cell over its rounds, (largest - smallest) / median, was %.2f%%.\n", maxspread > f
	if (noisy != "")
		print "  Margins to a target smaller than the spread of the cells compared: " noisy "." > f
	else
		print "  Every VM target's margin is larger than the spread of the cells compared." > f
	if (split_aa != "") {
		print "- Against AppArmor, round by round (every round measures each" > f
		print "  configuration and AppArmor in turn): the rounds split on " split_aa "." > f
		print "  On those cells the medians' verdict is not every round's." > f
	} else {
		print "- Against AppArmor, round by round: every round agrees with the medians." > f
	}
	printf "- Natively, an exec hit takes %.1fx as long at 100,000 rules as at\n", \
		nat["exec-hit", 100000] / nat["exec-hit", 10] > f
	printf "  10 (%s against %s ns), a CIDR hit %.1fx (%s against %s ns).\n", \
		nat["exec-hit", 100000], nat["exec-hit", 10], nat["cidr-hit", 100000] / nat["cidr-hit", 10], \
		nat["cidr-hit", 100000], nat["cidr-hit", 10] > f
	printf "  While they ran, the host's %s cores were %s%% busy in all; the\n", \
		info["cores"], info["native_busy"] > f
	printf "  benchmark itself keeps one busy (%.0f%%).\n", 100 / info["cores"] > f
	printf "- During the replaces the measuring task made %.1f connects per replace;\n", rep_n / replaced > f
	printf "  against the steady run, its mean moved by %+.1f%%, its 99th percentile\n", pct(rep[1], st[1]) > f
	printf "  by %+.1f%% and its maximum by %+.1f%%.\n", pct(rep[2], st[2]), pct(rep[3], st[3]) > f
}
