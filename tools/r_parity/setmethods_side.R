# The R side of the parity check (tools/r_parity/README.md): for every dataset
# of the manifest, R QCA's superSubset(), minimize(), SetMethods' case
# selection (the functions behind smmr(match = FALSE, cases = 1, 3, 4, 5)) and
# robustness (rob.fit, rob.cases) over the test runs listed by the crosscase
# side. Writes one JSON file.
# Usage: Rscript setmethods_side.R <folder with manifest.json> <crosscase.json> <out.json>
suppressPackageStartupMessages({
    library(QCA)
    library(SetMethods)
    library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
manifest <- fromJSON(file.path(folder, "manifest.json"), simplifyVector = FALSE)
cc <- fromJSON(args[2], simplifyVector = FALSE)
rows <- function(df) {
    if (is.null(df) || !is.data.frame(df) || nrow(df) == 0) return(list())
    out <- lapply(seq_len(nrow(df)), function(i) {
        r <- lapply(df[i, , drop = FALSE], function(v) if (is.factor(v)) as.character(v) else unname(v))
        r$rowname <- rownames(df)[i]
        r
    })
    out
}
safe <- function(expr) tryCatch(expr, error = function(e) structure(list(error = conditionMessage(e)), class = "r_error"))
is_err <- function(x) inherits(x, "r_error")
run_min <- function(data, conds, ic, nc, rem) {
    suppressWarnings(suppressMessages(minimize(
        data, outcome = "Y", conditions = conds, incl.cut = ic, n.cut = nc,
        include = if (rem) "?" else "", details = TRUE
    )))
}
result <- list()
for (d in manifest) {
    started <- Sys.time()
    data <- read.csv(file.path(folder, paste0(d$name, ".csv")), row.names = 1)
    conds <- unlist(d$conditions)
    out <- list(name = d$name)
    nec <- d$necessity
    ss <- safe(suppressMessages(superSubset(
        data, outcome = "Y", conditions = conds, relation = "necessity",
        incl.cut = nec$incl_cut, cov.cut = nec$cov_cut, ron.cut = nec$ron_cut, depth = nec$depth
    )))
    out$superSubset <- if (is_err(ss)) list(error = ss$error) else if (is.null(ss)) list(rows = list()) else list(rows = rows(ss$incl.cov))
    suf <- d$sufficiency
    sol <- safe(run_min(data, conds, suf$incl_cut, suf$n_cut, isTRUE(suf$include_remainders)))
    if (is_err(sol)) {
        out$minimize <- list(error = sol$error)
    } else {
        out$minimize <- list(solution = lapply(sol$solution, unlist))
        models <- list()
        for (m in seq_len(min(3, length(sol$solution)))) {
            typ <- safe(SetMethods:::cases.suf.typ(sol, "Y", sol = m)[[1]]$results)
            dcn <- safe(SetMethods:::cases.suf.dcn(sol, "Y", sol = m)[[1]]$results)
            dcv <- safe(SetMethods:::cases.suf.dcv(sol, "Y", sol = m)[[1]]$results)
            iir <- safe(SetMethods:::cases.suf.iir(sol, "Y", sol = m)[[1]]$results)
            pick <- function(x) if (is_err(x)) list(error = x$error) else list(rows = rows(as.data.frame(lapply(x, function(v) if (is.data.frame(v)) v[[1]] else v), row.names = rownames(x), check.names = FALSE)))
            models[[m]] <- list(typical = pick(typ), deviant_consistency = pick(dcn), deviant_coverage = pick(dcv), iir = pick(iir))
        }
        out$case_selection <- models
        ccd <- cc[[d$name]]
        rob <- list()
        for (which in c("pair", "all")) {
            variants <- ccd$robustness[[which]]$variants
            if (length(variants) == 0) next
            tests <- lapply(variants, function(v) safe(run_min(data, conds, v$incl_cut, v$n_cut, isTRUE(suf$include_remainders))))
            bad <- Filter(is_err, tests)
            if (length(bad) > 0) {
                rob[[which]] <- list(error = bad[[1]]$error)
                next
            }
            ts <- if (length(tests) == 1) tests[[1]] else tests
            fit <- safe(rob.fit(test_sol = ts, initial_sol = sol, outcome = "Y"))
            setTimeLimit(elapsed = 15, transient = TRUE)
            cases <- safe(rob.cases(test_sol = ts, initial_sol = sol, outcome = "Y"))
            setTimeLimit(elapsed = Inf, transient = TRUE)
            core <- safe(rob.corefit(test_sol = ts, initial_sol = sol, outcome = "Y"))
            ev <- safe(SetMethods:::rob.evaluation(test_sol = ts, initial_sol = sol, outcome = "Y"))
            rob[[which]] <- list(
                fit = if (is_err(fit)) list(error = fit$error) else as.list(fit[1, ]),
                corefit = if (is_err(core)) list(error = core$error) else as.list(core),
                case_ratio = if (is_err(cases)) list(error = cases$error) else as.list(cases$CaseParameters[1, ]),
                case_types = if (is_err(cases)) list(error = cases$error) else lapply(cases$CaseTypes, function(t) as.list(unlist(t$CaseNames))),
                evaluation = if (is_err(ev)) list(error = ev$error) else rows(ev)
            )
        }
        out$robustness <- rob
    }
    result[[d$name]] <- out
    message(d$name, " ", round(as.numeric(Sys.time() - started, units = "secs"), 1), " s")
}
result$versions <- list(
    R = R.version.string, QCA = as.character(packageVersion("QCA")),
    admisc = as.character(packageVersion("admisc")), SetMethods = as.character(packageVersion("SetMethods"))
)
writeLines(toJSON(result, auto_unbox = TRUE, digits = NA, null = "null", na = "null"), args[3])
