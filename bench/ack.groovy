// The default behaviour's work, as a behaviour script: acknowledge every message that is not the confirmation
// (the confirmation never reaches onMessage). bench/compare.sh loads it to measure what a Groovy script costs.
onMessage { msg ->
    acknowledge()
}
