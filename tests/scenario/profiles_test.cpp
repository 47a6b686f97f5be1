// The built-in profiles against the Java releases they reproduce (issue 15), and the timing: /
// behaviour: keys: removed ones rejected with a reason, the new batched-notify delay accepted.
#include <doctest/doctest.h>

#include "scenario/diagnostic.h"
#include "scenario/profiles.h"
#include "scenario/scenario_parser.h"
#include "support/parse_errors.h"
#include "support/scenario_text.h"

using namespace rmqsim;

using rmqsim::test::scenarioText;

namespace {

std::string errorsOf(const std::string& rest, const std::vector<std::string>& sets = {}) {
  return rmqsim::test::parseErrors(scenarioText("p", "2m", rest), "p.yaml", sets);
}

}  // namespace

TEST_CASE("scenario/profiles/three profiles, newest first: rocketmq-5, rocketmq-5.0, rocketmq-4.9") {
  const auto& all = builtinProfiles();
  REQUIRE(all.size() == 3);
  CHECK(all[0].name == "rocketmq-5");
  CHECK(all[1].name == "rocketmq-5.0");
  CHECK(all[2].name == "rocketmq-4.9");
  for (const Profile& p : all) CHECK(findProfile(p.name) == &p);
  CHECK(findProfile("rocketmq-5.1") == nullptr);
}

TEST_CASE("scenario/profiles/rocketmq-5.0 has the 4.9 loop and orderly removal, the 5.x dispatch delay and rebalanceLater") {
  const Profile& p5 = *findProfile("rocketmq-5");
  const Profile& p50 = *findProfile("rocketmq-5.0");
  const Profile& p49 = *findProfile("rocketmq-4.9");
  // 5.1.4 RebalanceService: waitForRunning(waitInterval); doRebalance() - no minInterval (5.2.0).
  CHECK_FALSE(p50.behaviour.adaptive_rebalance_wait);
  CHECK(p50.timing.rebalance_min_interval == 0);
  CHECK(p50.timing.rebalance_unbalanced_interval == 20 * kSecond);
  CHECK(p5.behaviour.adaptive_rebalance_wait);
  CHECK(p5.timing.rebalance_min_interval == kSecond);
  // 5.1.4 RebalancePushImpl.removeUnnecessaryMessageQueue: tryLock(1000 ms) + unlockDelay, as 4.9.8.
  CHECK_FALSE(p50.behaviour.orderly_remove_forced);
  CHECK(p5.behaviour.orderly_remove_forced);
  // 5.1.4 DefaultMQPushConsumerImpl.start: rebalanceImmediately() whatever the heartbeat did.
  CHECK_FALSE(p50.behaviour.start_rebalance_needs_heartbeat);
  CHECK(p5.behaviour.start_rebalance_needs_heartbeat);
  // 5.0.0 RebalanceImpl: dispatchPullRequest(list, 500) and rebalanceLater(500); 4.9.8 neither.
  CHECK(p50.timing.pull_dispatch_delay == 500);
  CHECK(p50.behaviour.lock_failure_rebalance_later);
  CHECK(p50.timing.lock_retry_delay == 500);
  CHECK(p49.timing.pull_dispatch_delay == 0);
  CHECK_FALSE(p49.behaviour.lock_failure_rebalance_later);
  // 5.0.0 broker (QueryAssignmentProcessor) and name server (5 ms first scan, 5 s period).
  CHECK(p50.behaviour.query_assignment);
  CHECK_FALSE(p49.behaviour.query_assignment);
  CHECK(p50.timing.namesrv_scan_initial_delay == 5);
  CHECK(p50.timing.namesrv_scan_interval == 5 * kSecond);
}

TEST_CASE("scenario/profiles/name-server scan and batched-notify timers follow the Java") {
  const Profile& p5 = *findProfile("rocketmq-5");
  const Profile& p49 = *findProfile("rocketmq-4.9");
  // 4.9.8 NamesrvController: scheduleAtFixedRate(scanNotActiveBroker, 5, 10, SECONDS).
  CHECK(p49.timing.namesrv_scan_initial_delay == 5 * kSecond);
  CHECK(p49.timing.namesrv_scan_interval == 10 * kSecond);
  // 5.x: (…, 5, scanNotActiveBrokerInterval = 5000, MILLISECONDS).
  CHECK(p5.timing.namesrv_scan_initial_delay == 5);
  CHECK(p5.timing.namesrv_scan_interval == 5 * kSecond);
  // DefaultConsumerIdsChangeListener: scheduleAtFixedRate(notifyConsumerChange, 30, 15, SECONDS).
  CHECK(p5.timing.notify_batch_initial_delay == 30 * kSecond);
  CHECK(p5.timing.notify_batch_interval == 15 * kSecond);
}

TEST_CASE("scenario/profiles/profile: rocketmq-5.0 is selected; a near miss gets a did-you-mean") {
  const Scenario s = parseScenarioText(scenarioText("p", "2m", "profile: rocketmq-5.0\n"), "p.yaml");
  CHECK(s.profile.name == "rocketmq-5.0");
  CHECK_FALSE(s.profile.behaviour.adaptive_rebalance_wait);
  const std::string e = errorsOf("profile: rocketmq-5.1\n");
  CHECK(e.find("p.yaml:14") != std::string::npos);
  CHECK(e.find("rocketmq-5.0") != std::string::npos);
}

TEST_CASE("scenario/profiles/removed keys are rejected where they stand, saying why") {
  const std::string t = errorsOf("timing:\n  heartbeat_interval: 30s\n  long_poll_suspend: 15s\n");
  CHECK(t.find("p.yaml:16:3: error: timing.long_poll_suspend was removed: pulls are not events") == 0);
  CHECK(t.find("unknown key") == std::string::npos);  // one message, not two
  const std::string b = errorsOf("behaviour: {expiry_fires_unregister: true}\n");
  CHECK(b.find("p.yaml:14:") == 0);
  CHECK(b.find("behaviour.expiry_fires_unregister was removed") != std::string::npos);
  CHECK(b.find("CLIENT_UNREGISTER") != std::string::npos);
  const std::string set = errorsOf("", {"timing.long_poll_suspend=15s"});
  CHECK(set.find("--set timing.long_poll_suspend=15s: error: timing.long_poll_suspend was removed") == 0);
  // The other keys of the map are still read and checked.
  CHECK(errorsOf("timing: {long_poll_suspend: 15s, heartbeat_intervl: 1s}\n").find("did you mean 'heartbeat_interval'") !=
        std::string::npos);
  // Removed keys are not offered as the allowed ones.
  CHECK(errorsOf("timing: {heartbeat_intervl: 1s}\n").find("long_poll_suspend") == std::string::npos);
  // The orderly removal's consume-lock timers (issue 15): the try never fails in the fluid model.
  const std::string tryLock = errorsOf("timing: {orderly_remove_try_lock: 1s}\n");
  CHECK(tryLock.find("timing.orderly_remove_try_lock was removed") != std::string::npos);
  CHECK(tryLock.find("consume-lock try") != std::string::npos);
  CHECK(errorsOf("", {"timing.orderly_force_unlock_after=20s"})
            .find("--set timing.orderly_force_unlock_after=20s: error: timing.orderly_force_unlock_after was removed") == 0);
}

TEST_CASE("scenario/profiles/notify_batch_initial_delay is a timing key, 0 allowed") {
  const Scenario s = parseScenarioText(scenarioText("p", "2m", "timing: {notify_batch_initial_delay: 0s}\n"), "p.yaml",
                                       {"behaviour.real_time_notify=false"});
  CHECK(s.profile.timing.notify_batch_initial_delay == 0);
  CHECK_FALSE(s.profile.behaviour.real_time_notify);
}
