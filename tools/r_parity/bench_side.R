# R QCA's side of the benchmark charts (tools/r_parity/README.md, "R QCA on
# the benchmark charts"): one chart, one solution, one process.
#
#   Rscript tools/r_parity/bench_side.R CHART.csv KIND K SOLUTION OUT.json
#
# SOLUTION is C (conservative: include = "") or P (parsimonious: include = "?").
# truthTable(data, outcome = "Y", incl.cut = 0.8, complete = FALSE), then
# minimize(tt, include = ..., details = FALSE) with every other argument at its
# default: all.sol = FALSE (all models of the least number of prime
# implicants, searched exhaustively), max.comb = 0 (no limit on the PI chart's
# combinations, so the chart is never declared too complex), first.min = FALSE,
# row.dom = FALSE, method = "CCubes".
# CPU seconds are proc.time()'s user.self + sys.self around each call. The
# wall-clock limit is the caller's (bench_side.sh runs this under timeout 300):
# OUT.json is first written with the truth table alone (minimize "running"), so
# a run that is killed still leaves the truth table's time.

suppressPackageStartupMessages(library(QCA))
library(jsonlite)

args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 5)
csv <- args[1]
kind <- args[2]
k <- as.integer(args[3])
solution <- args[4]
out <- args[5]
include <- c(C = "", P = "?")[[solution]]

data <- read.csv(csv)
warnings_seen <- character(0)
collect <- function(expr) {
    withCallingHandlers(expr, warning = function(w) {
        warnings_seen <<- c(warnings_seen, conditionMessage(w))
        invokeRestart("muffleWarning")
    }, message = function(m) {
        warnings_seen <<- c(warnings_seen, paste("message:", conditionMessage(m)))
        invokeRestart("muffleMessage")
    })
}
cpu <- function(d) unname(d[["user.self"]] + d[["sys.self"]])

record <- list(
    kind = kind, k = k, solution = solution, include = include,
    r_version = R.version.string,
    qca_version = as.character(packageVersion("QCA")),
    admisc_version = as.character(packageVersion("admisc"))
)
write_record <- function(r) writeLines(toJSON(r, auto_unbox = TRUE, digits = NA, null = "null"), out)

t0 <- proc.time()
tt <- collect(truthTable(data, outcome = "Y", incl.cut = 0.8, complete = FALSE))
record$r_tt_cpu_seconds <- cpu(proc.time() - t0)
ttab <- tt$tt
record$tt_rows <- sum(ttab$n > 0)  # observed rows (tt$tt holds all 2^k)
record$tt_positive <- sum(ttab$OUT == "1")
record$minimize <- "running"
write_record(record)

t1 <- proc.time()
res <- tryCatch(
    collect(minimize(tt, include = include, details = FALSE)),
    error = function(e) e
)
record$r_cpu_seconds <- cpu(proc.time() - t1)
if (inherits(res, "error")) {
    record$minimize <- "error"
    record$error <- conditionMessage(res)
    record$n_models <- 0L
    record$models <- list()
} else {
    record$minimize <- "done"
    if (isTRUE(res$complex)) {
        # print.qca's warning (QCA R/print.R), raised when the object is printed
        warnings_seen <- c(
            warnings_seen,
            "The PI chart is exceedingly complex, solution(s) not guaranteed to be exhaustive."
        )
    }
    record$complex <- isTRUE(res$complex)
    record$n_prime_implicants <- nrow(res$PIchart)
    record$n_models <- length(res$solution)
    record$essential <- I(as.character(res$essential))
    record$models <- lapply(res$solution, function(m) I(as.character(m)))
}
record$r_warnings <- I(unique(warnings_seen))
write_record(record)
