import Canvas
import Foundation

/// The tennis scene: a player at the baseline holding a racket up and to the right, and a ball in
/// the air. Box extents (person 380–700 × 110–790, racket 590–760 × 150–370, ball 800–832 ×
/// 120–152) are the drawing's own extents.
extension Illustration {
    func drawTennis(in ctx: DrawingContext) {
        drawCourt(in: ctx)
        drawPlayer(in: ctx)
        drawRacket(in: ctx)
        // The ball: 16 px radius around (816, 136), with its seam.
        let ball = pt(816, 136)
        ctx.fillCircle(center: ball, radius: 16, Color(hex: 0xD7E94B))
        ctx.beginPath()
        ctx.addArc(center: pt(798, 136), radius: 13, startAngle: -1.0, endAngle: 1.0)
        ctx.stroke(.white, style: .solid(2.5))
        ctx.beginPath()
        ctx.addArc(center: pt(834, 136), radius: 13, startAngle: Double.pi - 1.0, endAngle: Double.pi + 1.0)
        ctx.stroke(.white, style: .solid(2.5))
        // Motion lines behind the ball.
        for (i, y) in [128.0, 136, 144].enumerated() {
            ctx.strokeLine(
                from: pt(770 - Double(i % 2) * 8, y), to: pt(790, y), Color.white.withAlpha(0.8),
                style: StrokeStyle(width: 2.5, cap: .round))
        }
    }

    private func drawCourt(in ctx: DrawingContext) {
        ctx.fillRect(CGRect(x: 0, y: 0, width: 1066, height: 230), Color(hex: 0xBFDDF2))
        // Clouds.
        for (x, y, s) in [(150.0, 70.0, 1.0), (470, 45, 0.8), (930, 80, 1.1)] {
            for (dx, dy, r) in [(0.0, 0.0, 26.0), (28, -10, 32), (60, 0, 24), (30, 10, 26)] {
                ctx.fillCircle(center: pt(x + dx * s, y + dy * s), radius: r * s, Color.white.withAlpha(0.85))
            }
        }
        // Stands and the back wall.
        ctx.fillRect(CGRect(x: 0, y: 180, width: 1066, height: 60), Color(hex: 0x8A9BA8))
        for row in 0..<3 {
            for seat in 0..<54 {
                let x = Double(seat) * 20 + Double(row % 2) * 10
                ctx.fillRoundedRect(
                    CGRect(x: x, y: 186 + Double(row) * 17, width: 14, height: 11), radius: 3,
                    [Color(hex: 0x6E8190), Color(hex: 0x9AAAB6), Color(hex: 0x7D8F9C)][(seat + row) % 3])
            }
        }
        ctx.fillRect(CGRect(x: 0, y: 240, width: 1066, height: 100), Color(hex: 0x2F6B4F))
        ctx.fillRect(CGRect(x: 0, y: 336, width: 1066, height: 6), Color(hex: 0x24553F))
        // The court surround and the playing surface in perspective.
        ctx.fillRect(CGRect(x: 0, y: 340, width: 1066, height: 460), Color(hex: 0x5E9E78))
        let surface = [pt(150, 360), pt(916, 360), pt(1066, 700), pt(1066, 800), pt(0, 800), pt(0, 700)]
        ctx.fillPolygon(surface, Color(hex: 0x3F74A8))
        let line = StrokeStyle(width: 5, cap: .round, join: .round)
        let white = Color.white.withAlpha(0.92)
        ctx.strokePolyline([pt(150, 360), pt(916, 360)], white, style: line)
        ctx.strokePolyline([pt(150, 360), pt(-20, 760)], white, style: line)
        ctx.strokePolyline([pt(916, 360), pt(1086, 760)], white, style: line)
        ctx.strokePolyline([pt(225, 360), pt(90, 800)], white, style: line)
        ctx.strokePolyline([pt(841, 360), pt(976, 800)], white, style: line)
        ctx.strokePolyline([pt(176, 470), pt(890, 470)], white, style: line)
        ctx.strokePolyline([pt(533, 470), pt(533, 640)], white, style: line)
        ctx.strokePolyline([pt(118, 640), pt(948, 640)], white, style: line)
        // The net, far behind the player.
        ctx.fillRect(CGRect(x: 170, y: 398, width: 726, height: 30), Color(hex: 0x1E2A33, alpha: 0.55))
        ctx.beginPath()
        for x in stride(from: 170.0, through: 896, by: 11) { ctx.addLine(from: pt(x, 398), to: pt(x, 428)) }
        for y in stride(from: 404.0, through: 428, by: 8) { ctx.addLine(from: pt(170, y), to: pt(896, y)) }
        ctx.stroke(Color.white.withAlpha(0.25), style: .solid(1))
        ctx.fillRect(CGRect(x: 166, y: 392, width: 734, height: 7), .white)
        ctx.fillRect(CGRect(x: 162, y: 390, width: 8, height: 42), Color(hex: 0x333D45))
        ctx.fillRect(CGRect(x: 896, y: 390, width: 8, height: 42), Color(hex: 0x333D45))
    }

    private func drawPlayer(in ctx: DrawingContext) {
        let skin = Color(hex: 0xD99C74)
        let shirt = Color(hex: 0xF4F1EA)
        let trim = Color(hex: 0xC8553D)
        let shorts = Color(hex: 0x2B3A55)
        let shoe = Color(hex: 0xFAFAFA)
        // Shadow on the court.
        ctx.fillEllipse(center: pt(540, 786), rx: 150, ry: 10, Color.black.withAlpha(0.18))
        // Legs and shoes (the right shoe reaches the box's bottom at y = 790).
        ctx.limb([pt(500, 540), pt(470, 640), pt(455, 752)], width: 40, skin)
        ctx.limb([pt(565, 540), pt(590, 645), pt(612, 752)], width: 40, skin)
        ctx.fillRect(CGRect(x: 436, y: 730, width: 40, height: 14), .white)
        ctx.fillRect(CGRect(x: 593, y: 730, width: 40, height: 14), .white)
        ctx.fillRoundedRect(CGRect(x: 412, y: 748, width: 72, height: 34), radius: 14, shoe)
        ctx.fillRoundedRect(CGRect(x: 588, y: 754, width: 76, height: 36), radius: 14, shoe)
        ctx.fillRect(CGRect(x: 412, y: 774, width: 72, height: 8), Color(hex: 0x9AA5AE))
        ctx.fillRect(CGRect(x: 588, y: 782, width: 76, height: 8), Color(hex: 0x9AA5AE))
        // Shorts.
        ctx.fillPolygon(
            [
                pt(462, 420), pt(602, 420), pt(614, 560), pt(538, 566), pt(532, 500), pt(526, 566),
                pt(450, 560),
            ], shorts)
        // The free arm, reaching out to the left for balance (the hand touches x = 380).
        ctx.limb([pt(470, 240), pt(428, 318), pt(398, 368)], width: 30, skin)
        ctx.fillCircle(center: pt(396, 372), radius: 16, skin)
        // Torso.
        ctx.fillPolygon(
            [pt(462, 222), pt(598, 222), pt(618, 262), pt(602, 432), pt(460, 432), pt(446, 262)], shirt)
        ctx.fillPolygon([pt(446, 262), pt(462, 222), pt(486, 222), pt(468, 300), pt(442, 296)], shirt)
        ctx.strokePolyline([pt(462, 432), pt(602, 432)], trim, style: .solid(8))
        ctx.strokePolyline([pt(510, 222), pt(530, 250), pt(550, 222)], trim, style: .solid(5))
        // The racket arm, bent up to the grip at about (622, 338).
        ctx.limb([pt(590, 242), pt(660, 300), pt(628, 340)], width: 30, skin)
        ctx.fillPolygon([pt(574, 222), pt(604, 226), pt(640, 268), pt(612, 288)], shirt)
        // Neck, head, hair and cap (the cap's crown is the box's top, y = 110).
        ctx.fillRect(CGRect(x: 512, y: 196, width: 36, height: 30), skin)
        ctx.fillEllipse(center: pt(530, 166), rx: 42, ry: 46, skin)
        ctx.fillEllipse(center: pt(530, 138), rx: 44, ry: 28, Color(hex: 0x3B2A20))
        ctx.fillEllipse(center: pt(530, 138), rx: 43, ry: 28, trim)
        ctx.beginPath()
        ctx.addRoundedRect(CGRect(x: 530, y: 146, width: 68, height: 12), cornerRadius: 6)
        ctx.fill(trim.darkened(by: 0.15))
        ctx.fillRect(CGRect(x: 488, y: 148, width: 84, height: 10), .white)
        ctx.fillCircle(center: pt(548, 176), radius: 4, Color(hex: 0x2A1E17))
        ctx.strokePolyline(
            [pt(538, 196), pt(552, 194)], Color(hex: 0x8C4A3A), style: StrokeStyle(width: 3, cap: .round))
    }

    /// Handle from (602, 364) up and to the right, head centred near (702, 215): the whole
    /// racket stays inside 590–760 × 150–370.
    private func drawRacket(in ctx: DrawingContext) {
        let angle = atan2(-200.0, 140.0)
        let center = pt(702, 215)
        ctx.limb([pt(604, 362), pt(664, 276)], width: 13, Color(hex: 0x2C2C2C))
        ctx.limb([pt(606, 360), pt(628, 328)], width: 17, Color(hex: 0x5B3A29))
        ctx.fillCircle(center: pt(624, 338), radius: 15, Color(hex: 0xD99C74))
        ctx.limb([pt(664, 276), pt(674, 262)], width: 9, Color(hex: 0x2C2C2C))
        ctx.fillEllipse(center: center, rx: 64, ry: 46, rotation: angle, Color.white.withAlpha(0.25))
        ctx.withSavedState {
            ctx.translate(x: Double(center.x), y: Double(center.y))
            ctx.rotate(radians: angle)
            ctx.beginPath()
            for u in stride(from: -54.0, through: 54, by: 12) {
                let h = 42 * (1 - (u / 64) * (u / 64)).squareRoot()
                ctx.addLine(from: pt(u, -h), to: pt(u, h))
            }
            for v in stride(from: -36.0, through: 36, by: 12) {
                let w = 60 * (1 - (v / 46) * (v / 46)).squareRoot()
                ctx.addLine(from: pt(-w, v), to: pt(w, v))
            }
            ctx.stroke(Color.white.withAlpha(0.85), style: .solid(1.5))
        }
        ctx.strokeEllipse(center: center, rx: 64, ry: 46, rotation: angle, Color(hex: 0xC8553D), width: 9)
    }
}
