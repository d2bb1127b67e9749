@testable import FolioModels
import FolioTestSupport
import Foundation
import XCTest

/// Rolling CV, bootstrap ROI and response curves.
final class MMMValidationTests: XCTestCase {
  func testRollingFoldsNeverTrainOnTheFuture() {
    let folds = RollingCV.folds(weeks: 150, options: .init())
    // starts 0, 13, …, while start + 65 ≤ 150 → 0…78: 7 folds
    XCTAssertEqual(folds.count, 7)
    for (k, f) in folds.enumerated() {
      XCTAssertEqual(f.train, (13 * k)..<(13 * k + 52))
      XCTAssertEqual(f.test, (13 * k + 52)..<(13 * k + 65))
      XCTAssertLessThanOrEqual(f.train.upperBound, f.test.lowerBound)
    }
    let expanding = RollingCV.folds(weeks: 100, options: .init(train: 40, test: 10, step: 10, expanding: true))
    XCTAssertEqual(expanding.map(\.train), [0..<40, 0..<50, 0..<60, 0..<70, 0..<80, 0..<90])
  }

  func testCVFoldPredictionsComeFromATrainingOnlyFit() throws {
    let sim = try MMMSimulation.generate(weeks: 120, channels: 2, seed: 3)
    let report = try RollingCV.evaluate(sim.input, parameters: sim.parameters)
    XCTAssertEqual(report.folds.count, 5)
    // Refit by hand on the training rows only (as a separate data set):
    // adstock on the full series, then restricted to the window.
    let f = report.folds[2]
    let full = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let train = Array(f.window.train)
    let features = (full.transformedSpend + sim.input.controls).map { col in train.map { col[$0] } }
    let ridge = try RidgeRegression.fit(features: .init(columns: features), target: train.map { sim.input.revenue[$0] }, alpha: 10)
    let testX = (full.transformedSpend + sim.input.controls).map { col in f.window.test.map { col[$0] } }
    assertApproximatelyEqual(f.predicted, ridge.predict(.init(columns: testX)), relative: 1e-9)
    let mapes = report.folds.map(\.metrics.mape)
    assertApproximatelyEqual(report.mean(\.mape), mapes.reduce(0, +) / 5, relative: 1e-14)
    XCTAssertEqual(report.inSample, full.metrics)
  }

  func testQualityLabelsFollowTheMAPEThresholds() {
    XCTAssertEqual(ModelQuality(mape: 9.99), .excellent)
    XCTAssertEqual(ModelQuality(mape: 10), .good)
    XCTAssertEqual(ModelQuality(mape: 25), .acceptable)
    XCTAssertEqual(ModelQuality(mape: 30), .needsWork)
    XCTAssertEqual(ModelQuality(mape: .nan), .needsWork)
  }

  /// The case: a small MAPE (the baseline is 70% of revenue) next to
  /// a cross-validated R² of −4.21 must not read "excellent".
  func testQualityIsNeverBetterThanNeedsWorkWhenCrossValidatedR2IsNegative() {
    XCTAssertEqual(ModelQuality(r2: -4.21, nrmse: 6, mape: 4), .needsWork)
    XCTAssertEqual(ModelQuality(r2: -0.01, nrmse: 1, mape: 1), .needsWork)
    XCTAssertEqual(ModelQuality(r2: 0.85, nrmse: 8, mape: 5), .excellent)
    XCTAssertEqual(ModelQuality(r2: 0.7, nrmse: 8, mape: 5), .good, "the worst grade wins")
    XCTAssertEqual(ModelQuality(r2: 0.9, nrmse: 20, mape: 5), .acceptable)
    XCTAssertEqual(ModelQuality(r2: .nan, nrmse: 5, mape: 5), .needsWork)
  }

  func testCVReportQualityFollowsOutOfSampleR2() {
    func metrics(_ r2: Double, _ mape: Double) -> MMMMetrics { MMMMetrics(r2: r2, rmse: 1, mae: 1, mape: mape, nrmse: 5, weeks: 13) }
    func fold(_ r2: Double, _ mape: Double) -> CVFold {
      CVFold(index: 0, window: CVFold.Window(train: 0..<10, test: 10..<12), predicted: [0, 0], metrics: metrics(r2, mape), trainMetrics: metrics(0.9, 3))
    }
    let report = CVReport(inSample: metrics(0.9, 3), folds: [fold(-30.4, 4), fold(-3.1, 5), fold(-2.3, 6)])
    XCTAssertEqual(report.mean(\.mape), 5, accuracy: 1e-12)
    XCTAssertEqual(report.quality, .needsWork, "mean CV R² −11.9 with MAPE 5%")
  }

  func testCVWithTooFewWeeksNamesTheNeed() throws {
    let sim = try MMMSimulation.generate(weeks: 40, channels: 1, seed: 3)
    XCTAssertThrowsError(try RollingCV.evaluate(sim.input, parameters: sim.parameters)) {
      XCTAssertEqual("\($0)", "error: cross-validation needs at least 65 weeks, the data have 40")
    }
  }

  func testBootstrapPercentileMatchesNumpyLinearInterpolation() {
    // numpy.quantile([3, 1, 4, 1, 5], [0.05, 0.5, 0.95]) = [1, 3, 4.8]
    XCTAssertEqual(BootstrapROI.quantile([3, 1, 4, 1, 5], 0.05), 1)
    XCTAssertEqual(BootstrapROI.quantile([3, 1, 4, 1, 5], 0.5), 3)
    assertApproximatelyEqual(BootstrapROI.quantile([3, 1, 4, 1, 5], 0.95), 4.8, relative: 1e-15)
  }

  func testBootstrapIntervalsCoverTheTrueROIAcrossSimulations() throws {
    var covered = 0, total = 0
    for seed in UInt64(1)...10 {
      let sim = try MMMSimulation.generate(weeks: 150, channels: 3, noise: 10_000, seed: seed)
      let model = try MMMModel.fit(sim.input, parameters: sim.parameters, ridgeAlpha: 1)
      let boot = try BootstrapROI.run(model, options: .init(resamples: 200, seed: seed))
      for c in 0..<3 {
        total += 1
        if boot[c].roiLow <= sim.roi[c] && sim.roi[c] <= boot[c].roiHigh { covered += 1 }
      }
    }
    // 90% nominal; 30 intervals. Accept 80% or more.
    XCTAssertGreaterThanOrEqual(Double(covered) / Double(total), 0.8, "\(covered)/\(total)")
  }

  func testBootstrapIsDeterministicAndBlockMethodWorks() throws {
    let sim = try MMMSimulation.generate(weeks: 80, channels: 2, seed: 5)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let a = try BootstrapROI.run(model, options: .init(resamples: 50, method: .block(length: 8), seed: 11))
    let b = try BootstrapROI.run(model, options: .init(resamples: 50, method: .block(length: 8), seed: 11))
    XCTAssertEqual(a, b)
    for c in a {
      XCTAssertLessThanOrEqual(c.roiLow, c.roiHigh)
      XCTAssertEqual(c.roiDraws.count, 50)
      XCTAssertEqual(c.isSignificant, c.roiLow > 0)
    }
  }

  func testBootstrapRefitRerunsTheSearchDeterministically() throws {
    let sim = try MMMSimulation.generate(weeks: 60, channels: 2, seed: 5)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let o = BootstrapROI.Options(resamples: 4, refit: true, search: .init(budget: 60), seed: 2)
    let a = try BootstrapROI.run(model, options: o), b = try BootstrapROI.run(model, options: o)
    XCTAssertEqual(a, b)
  }

  func testBootstrapRejectsABlockLongerThanTheData() throws {
    let sim = try MMMSimulation.generate(weeks: 30, channels: 1, seed: 5)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    XCTAssertThrowsError(try BootstrapROI.run(model, options: .init(method: .block(length: 31)))) {
      XCTAssertEqual("\($0)", "error: invalid option: block length must be between 1 and 30 weeks, got 31")
    }
  }

  func testResponseCurvesSpanThreeTimesMaxSpendWithBandAndZones() throws {
    let sim = try MMMSimulation.generate(weeks: 100, channels: 2, seed: 6)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let sd = [ChannelBootstrap](repeating: ChannelBootstrap(
      channel: "", roi: 0, roiLow: 0, roiHigh: 0, roiSD: 0, coef: 0, coefLow: 0, coefHigh: 0, coefSD: 1000,
      isSignificant: true, roiDraws: [], coefDraws: []), count: 2)
    let curves = ResponseCurves.compute(model, bootstrap: sd)
    for (c, curve) in curves.enumerated() {
      XCTAssertEqual(curve.spend.count, 100)
      XCTAssertEqual(curve.spend.first, 0)
      assertApproximatelyEqual(curve.spend.last!, 3 * sim.input.maxWeeklySpend[c], relative: 1e-14)
      let k = 40, s = curve.spend[k]
      let h = sim.parameters[c].saturation.apply(s / (1 - sim.parameters[c].theta))
      assertApproximatelyEqual(curve.response[k], model.mediaCoefficients[c] * h, relative: 1e-13)
      assertApproximatelyEqual(curve.upper[k] - curve.response[k], 1.645 * 1000 * h, relative: 1e-10)
      assertApproximatelyEqual(curve.marginalROI[k], model.marginalROI(channel: c, weeklySpend: s), relative: 1e-14)
      XCTAssertEqual(curve.zone, ResponseCurves.Options().zone(marginalROI: curve.currentMarginalROI))
    }
    let o = ResponseCurves.Options()
    XCTAssertEqual(o.zone(marginalROI: 1.6), .efficient)
    XCTAssertEqual(o.zone(marginalROI: 1.5), .diminishing)
    XCTAssertEqual(o.zone(marginalROI: 0.8), .diminishing)
    XCTAssertEqual(o.zone(marginalROI: 0.79), .saturated)
  }
}
